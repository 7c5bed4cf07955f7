import type { Db } from '../../db/database.js';
import { compiledInsert } from '../../db/compiled-once.js';
import { insertHeld } from '../../db/held-inserts.js';
import type { DeliveriesTable, LicensesTable, RehostsTable } from './licenses.table.js';

/** A license with what its pages and files show about the product and the serial. */
export interface LicenseRow extends LicensesTable {
  sku: string;
  product_name: string;
  product_line: string;
  version: string;
  edition: string | null;
  license_model: 'perpetual' | 'subscription';
  unit: 'server' | 'socket' | 'TB' | 'user';
  node_locked: number;
  rehosts_per_year: number;
  serial_number: string | null;
}

export const licensesRepository = {
  async insertLicense(db: Db, row: LicensesTable): Promise<void> {
    await insertLicenses(db, [row]);
  },

  findLicense(db: Db, accountId: string, id: string): Promise<LicenseRow | undefined> {
    return licenses(db).where('licenses.account_id', '=', accountId).where('licenses.id', '=', id).executeTakeFirst();
  },

  /** The licenses issued for a certificate line that are still in force. */
  activeLicensesOfEntitlement(db: Db, accountId: string, entitlementId: string): Promise<LicenseRow[]> {
    return licenses(db)
      .where('licenses.account_id', '=', accountId)
      .where('licenses.entitlement_id', '=', entitlementId)
      .where('licenses.status', '=', 'active')
      .orderBy('licenses.id')
      .execute();
  },

  /** Revokes an active license; false when it was not active (e.g. a concurrent re-host won). */
  async revoke(db: Db, id: string, at: string): Promise<boolean> {
    const r = await db.updateTable('licenses').set({ status: 'revoked', revoked_at: at }).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /**
   * When the re-hosts of a license's lineage (it and every license it replaced) happened since
   * `since`, oldest first: the yearly limit counts these.
   */
  async rehostTimesSince(db: Db, licenseId: string, since: string): Promise<string[]> {
    const rows = await db
      .withRecursive('lineage(id, replaces)', (qb) =>
        qb
          .selectFrom('licenses')
          .select(['id', 'replaces_license_id as replaces'])
          .where('id', '=', licenseId)
          .unionAll((q) => q.selectFrom('licenses').innerJoin('lineage', 'lineage.replaces', 'licenses.id').select(['licenses.id', 'licenses.replaces_license_id as replaces'])),
      )
      .selectFrom('rehosts')
      .innerJoin('lineage', 'lineage.id', 'rehosts.to_license_id')
      .select('rehosts.at')
      .where('rehosts.at', '>', since)
      .orderBy('rehosts.at')
      .execute();
    return rows.map((r) => r.at);
  },

  async insertRehost(db: Db, row: RehostsTable): Promise<void> {
    await db.insertInto('rehosts').values(row).execute();
  },

  /** Inside a transaction, written with its outbox message just before it commits. */
  insertDelivery(db: Db, row: DeliveriesTable): Promise<void> {
    return insertHeld(db, 'deliveries', [row]);
  },

  deliveriesOfLicense(db: Db, licenseId: string): Promise<DeliveriesTable[]> {
    return db.selectFrom('deliveries').selectAll().where('license_id', '=', licenseId).orderBy('at').orderBy('id').execute();
  },
};

const insertLicenses = compiledInsert('licenses');

function licenses(db: Db) {
  return db
    .selectFrom('licenses')
    .innerJoin('products', 'products.id', 'licenses.product_id')
    .leftJoin('entitlements', 'entitlements.id', 'licenses.entitlement_id')
    .selectAll('licenses')
    .select([
      'products.sku',
      'products.name as product_name',
      'products.product_line',
      'products.version',
      'products.edition',
      'products.license_model',
      'products.unit',
      'products.node_locked',
      'products.rehosts_per_year',
      'entitlements.serial_number',
    ]);
}
