import { compiledInsert } from '../../db/compiled-once.js';
import type { Db } from '../../db/database.js';
import type { CertificatesTable, EntitlementsTable, OrdersTable } from './orders.table.js';

/** A certificate with what its pages show about the order and the account. */
export interface CertificateRow extends CertificatesTable {
  account_name: string;
  partner_account_id: string | null;
}

/** A certificate line with its product. */
export interface CertificateLineRow extends EntitlementsTable {
  sku: string;
  product_name: string;
  license_model: 'perpetual' | 'subscription';
}

export const ordersRepository = {
  async insertOrders(db: Db, rows: OrdersTable[]): Promise<void> {
    if (rows.length) await insertOrders(db, rows);
  },

  async insertCertificates(db: Db, rows: CertificatesTable[]): Promise<void> {
    if (rows.length) await insertCertificates(db, rows);
  },

  /** Answers the serial numbers written; one that collides with an existing serial is skipped. */
  async insertEntitlements(db: Db, rows: EntitlementsTable[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const written = await insertEntitlements(db, rows);
    return new Set(written.rows.map((r) => r.serial_number));
  },

  /** The references among `references` that an order holds already. */
  async existingReferences(db: Db, references: string[]): Promise<Map<string, string>> {
    if (references.length === 0) return new Map();
    const rows = await db.selectFrom('orders').select(['id', 'reference']).where('reference', 'in', references).execute();
    return new Map(rows.map((r) => [r.reference!, r.id]));
  },

  findCertificate(db: Db, id: string, accountId?: string): Promise<CertificateRow | undefined> {
    let q = certificates(db).where('certificates.id', '=', id);
    if (accountId) q = q.where('certificates.account_id', '=', accountId);
    return q.executeTakeFirst();
  },

  findCertificateOfOrder(db: Db, orderId: string): Promise<CertificateRow | undefined> {
    return certificates(db).where('certificates.order_id', '=', orderId).executeTakeFirst();
  },

  /** Newest first. */
  listCertificates(db: Db, opts: { accountId: string; before?: string | undefined; limit: number }): Promise<CertificateRow[]> {
    let q = certificates(db).where('certificates.account_id', '=', opts.accountId);
    if (opts.before) q = q.where('certificates.id', '<', opts.before);
    return q.orderBy('certificates.id', 'desc').limit(opts.limit).execute();
  },

  linesOfCertificates(db: Db, certificateIds: string[]): Promise<CertificateLineRow[]> {
    if (certificateIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('entitlements')
      .innerJoin('products', 'products.id', 'entitlements.product_id')
      .selectAll('entitlements')
      .select(['products.sku', 'products.name as product_name', 'products.license_model'])
      .where('entitlements.certificate_id', 'in', certificateIds)
      .orderBy('entitlements.certificate_id')
      .orderBy('entitlements.line_no')
      .execute();
  },

  /** Newest first, with the account's name, the certificate and its number of lines. */
  listOrders(db: Db, opts: { accountId?: string | undefined; before?: string | undefined; limit: number }) {
    let q = db
      .selectFrom('orders')
      .innerJoin('accounts', 'accounts.id', 'orders.account_id')
      .innerJoin('certificates', 'certificates.order_id', 'orders.id')
      .selectAll('orders')
      .select((eb) => [
        'accounts.name as account_name',
        'certificates.id as certificate_id',
        eb.selectFrom('entitlements').whereRef('entitlements.order_id', '=', 'orders.id').select((e) => e.fn.countAll<number>().as('n')).as('line_count'),
      ]);
    if (opts.accountId) q = q.where('orders.account_id', '=', opts.accountId);
    if (opts.before) q = q.where('orders.id', '<', opts.before);
    return q.orderBy('orders.id', 'desc').limit(opts.limit).execute();
  },

  async listUnmailedCertificateIds(db: Db, limit: number): Promise<string[]> {
    const rows = await db.selectFrom('certificates').select('id').where('mailed_at', 'is', null).orderBy('id').limit(limit).execute();
    return rows.map((r) => r.id);
  },

  /** Claims a certificate's e-mail: true for exactly one caller, however many workers race. */
  async claimCertificateMail(db: Db, id: string, at: string): Promise<boolean> {
    const r = await db.updateTable('certificates').set({ mailed_at: at }).where('id', '=', id).where('mailed_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};

// Compiled once per chunk size: an order import writes thousands of rows a second through these.
const insertOrders = compiledInsert('orders');
const insertCertificates = compiledInsert('certificates');
const insertEntitlements = compiledInsert('entitlements', (q) => q.onConflict((oc) => oc.column('serial_number').doNothing()).returning('serial_number'));

function certificates(db: Db) {
  return db
    .selectFrom('certificates')
    .innerJoin('orders', 'orders.id', 'certificates.order_id')
    .innerJoin('accounts', 'accounts.id', 'certificates.account_id')
    .selectAll('certificates')
    .select(['accounts.name as account_name', 'orders.partner_account_id']);
}
