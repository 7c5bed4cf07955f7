import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { TVoucherState } from '../../../contracts/vouchers.js';
import type { VoucherBatchesTable, VouchersTable } from './vouchers.table.js';

export interface BatchRow extends VoucherBatchesTable {
  sku: string;
  product_name: string;
  oem_account_name: string;
}

export interface VoucherRow extends VouchersTable {
  sku: string;
  product_name: string;
  end_customer_name: string | null;
  license_key: string | null;
  /** The state as the OEM sees it on the day asked about (`expired` included). */
  derived_state: TVoucherState;
}

export interface StateCount {
  batch_id: string;
  state: TVoucherState;
  count: number;
}

/** Codes go in by the hundred: well below either dialect's limit on bound parameters. */
const INSERT_CHUNK = 500;

export const vouchersRepository = {
  async insertBatch(db: Db, row: VoucherBatchesTable): Promise<void> {
    await db.insertInto('voucher_batches').values(row).execute();
  },

  /** Inserts the vouchers whose code is free; answers the codes that went in (a taken code is left out). */
  async insertVouchers(db: Db, rows: VouchersTable[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      const done = await db.insertInto('vouchers').values(chunk).onConflict((oc) => oc.column('code').doNothing()).returning('code').execute();
      for (const r of done) inserted.add(r.code);
    }
    return inserted;
  },

  findBatch(db: Db, batchId: string, oemAccountId?: string): Promise<BatchRow | undefined> {
    let q = batchQuery(db).where('voucher_batches.id', '=', batchId);
    if (oemAccountId !== undefined) q = q.where('voucher_batches.oem_account_id', '=', oemAccountId);
    return q.executeTakeFirst();
  },

  listBatches(db: Db, opts: { oemAccountId?: string | undefined; after?: string | undefined; limit: number }): Promise<BatchRow[]> {
    let q = batchQuery(db);
    if (opts.oemAccountId) q = q.where('voucher_batches.oem_account_id', '=', opts.oemAccountId);
    if (opts.after) q = q.where('voucher_batches.id', '<', opts.after);
    return q.orderBy('voucher_batches.id', 'desc').limit(opts.limit).execute();
  },

  /** How many vouchers of each batch are in each state, as of `today`. */
  countsByState(db: Db, batchIds: string[], today: string): Promise<StateCount[]> {
    if (batchIds.length === 0) return Promise.resolve([]);
    // Grouped outside: PostgreSQL cannot tell that the CASE in GROUP BY is the one in SELECT (each binds `today` anew).
    const states = db.selectFrom('vouchers').select(['batch_id', derivedState(today).as('state')]).where('batch_id', 'in', batchIds).as('v');
    return db
      .selectFrom(states)
      .select(['v.batch_id', 'v.state'])
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .groupBy(['v.batch_id', 'v.state'])
      .execute();
  },

  /** A voucher of the OEM by its canonical code; another OEM's voucher is not found. */
  findByCode(db: Db, oemAccountId: string, code: string, today: string): Promise<VoucherRow | undefined> {
    return voucherQuery(db, today).where('vouchers.code', '=', code).where('vouchers.oem_account_id', '=', oemAccountId).executeTakeFirst();
  },

  findByCodeAnyOem(db: Db, code: string, today: string): Promise<VoucherRow | undefined> {
    return voucherQuery(db, today).where('vouchers.code', '=', code).executeTakeFirst();
  },

  listVouchers(db: Db, oemAccountId: string, today: string, opts: { state?: TVoucherState | undefined; batchId?: string | undefined; after?: string | undefined; limit: number }) {
    let q = voucherQuery(db, today).where('vouchers.oem_account_id', '=', oemAccountId);
    if (opts.state) q = q.where(derivedState(today), '=', opts.state);
    if (opts.batchId) q = q.where('vouchers.batch_id', '=', opts.batchId);
    if (opts.after) q = q.where('vouchers.id', '>', opts.after);
    return q.orderBy('vouchers.id').limit(opts.limit).execute();
  },

  vouchersOfBatch(db: Db, batchId: string, today: string): Promise<VoucherRow[]> {
    return voucherQuery(db, today).where('vouchers.batch_id', '=', batchId).orderBy('vouchers.id').execute();
  },

  /**
   * The redemption claim: one statement that only an available, unexpired voucher passes. Of
   * many requests racing for one code, exactly one sees an affected row; the rest see none.
   */
  async claim(db: Db, voucherId: string, claim: { today: string; at: string; by: string }): Promise<boolean> {
    const r = await db
      .updateTable('vouchers')
      .set({ state: 'redeemed', redeemed_at: claim.at, redeemed_by: claim.by })
      .where('id', '=', voucherId)
      .where('state', '=', 'available')
      .where('expires_at', '>=', claim.today)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async recordConversion(db: Db, voucherId: string, endCustomerAccountId: string, licenseId: string): Promise<void> {
    await db.updateTable('vouchers').set({ end_customer_account_id: endCustomerAccountId, license_id: licenseId }).where('id', '=', voucherId).execute();
  },

  /** Voids available vouchers (of a batch, or one); redeemed ones stay as they are. Answers how many. */
  async voidAvailable(db: Db, where: { batchId?: string; voucherId?: string }, at: string): Promise<number> {
    let q = db.updateTable('vouchers').set({ state: 'void', voided_at: at }).where('state', '=', 'available');
    if (where.batchId) q = q.where('batch_id', '=', where.batchId);
    if (where.voucherId) q = q.where('id', '=', where.voucherId);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  async markBatchVoided(db: Db, batchId: string, at: string): Promise<void> {
    await db.updateTable('voucher_batches').set({ voided_at: at }).where('id', '=', batchId).where('voided_at', 'is', null).execute();
  },

  /** The customer accounts this OEM converted vouchers for, with how many each. */
  listEndCustomers(db: Db, oemAccountId: string, opts: { after?: string | undefined; limit: number }) {
    let q = db
      .selectFrom('vouchers')
      .innerJoin('accounts', 'accounts.id', 'vouchers.end_customer_account_id')
      .select(['accounts.id as account_id', 'accounts.name'])
      .select((eb) => eb.fn.countAll<number>().as('conversions'))
      .where('vouchers.oem_account_id', '=', oemAccountId);
    if (opts.after) q = q.where('accounts.id', '>', opts.after);
    return q.groupBy(['accounts.id', 'accounts.name']).orderBy('accounts.id').limit(opts.limit).execute();
  },

  async isEndCustomerOf(db: Db, oemAccountId: string, accountId: string): Promise<boolean> {
    const row = await db
      .selectFrom('vouchers')
      .select('id')
      .where('oem_account_id', '=', oemAccountId)
      .where('end_customer_account_id', '=', accountId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },
};

/** `expired` is an available voucher past its last day; the one definition lists, counts and filters use. */
function derivedState(today: string) {
  return sql<TVoucherState>`case when vouchers.state = 'available' and vouchers.expires_at < ${today} then 'expired' else vouchers.state end`;
}

function batchQuery(db: Db) {
  return db
    .selectFrom('voucher_batches')
    .innerJoin('products', 'products.id', 'voucher_batches.product_id')
    .innerJoin('accounts', 'accounts.id', 'voucher_batches.oem_account_id')
    .selectAll('voucher_batches')
    .select(['products.sku', 'products.name as product_name', 'accounts.name as oem_account_name']);
}

function voucherQuery(db: Db, today: string) {
  return db
    .selectFrom('vouchers')
    .innerJoin('voucher_batches', 'voucher_batches.id', 'vouchers.batch_id')
    .innerJoin('products', 'products.id', 'voucher_batches.product_id')
    .leftJoin('accounts', 'accounts.id', 'vouchers.end_customer_account_id')
    .leftJoin('licenses', 'licenses.id', 'vouchers.license_id')
    .selectAll('vouchers')
    .select(['products.sku', 'products.name as product_name', 'accounts.name as end_customer_name', 'licenses.license_key', derivedState(today).as('derived_state')]);
}
