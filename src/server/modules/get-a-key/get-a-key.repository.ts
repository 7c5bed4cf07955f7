import { compiledOnce } from '../../db/compiled-once.js';
import type { Db } from '../../db/database.js';
import type { ProductsTable } from '../catalog/catalog.table.js';
import type { EntitlementsTable } from '../orders/orders.table.js';

/** A certificate line with its product: what a serial number entitles to. */
export interface SerialRow {
  entitlement: EntitlementsTable;
  product: ProductsTable;
}

export const getAKeyRepository = {
  /**
   * The serial number of this account. A serial of another account is not found, exactly like
   * one that does not exist: the account is part of the WHERE, never checked afterwards.
   */
  async findSerial(db: Db, accountId: string, serialNumber: string): Promise<SerialRow | undefined> {
    const [row] = (await selectSerial(db, accountId, serialNumber)).rows;
    if (!row) return undefined;
    const { sku, name, product_line, version, edition, license_model, unit, features, node_locked, rehosts_per_year, product_created_at, ...entitlement } = row;
    return {
      entitlement,
      product: { id: entitlement.product_id, sku, name, product_line, version, edition, license_model, unit, features, node_locked, rehosts_per_year, created_at: product_created_at },
    };
  },

  /**
   * Claims a serial's registration. Exactly one caller gets true, whatever the concurrency:
   * the row changes only while `registered_at` is still null.
   */
  async claimRegistration(db: Db, entitlementId: string, registrationId: string, at: string): Promise<boolean> {
    const r = await updateRegistration(db, entitlementId, registrationId, at);
    return Number(r.numAffectedRows) === 1;
  },
};

// Compiled once: Get a Key runs these for every license it issues.
const selectSerial = compiledOnce((db: Db, accountId: string, serialNumber: string) =>
  db
    .selectFrom('entitlements')
    .innerJoin('products', 'products.id', 'entitlements.product_id')
    .selectAll('entitlements')
    .select([
      'products.sku',
      'products.name',
      'products.product_line',
      'products.version',
      'products.edition',
      'products.license_model',
      'products.unit',
      'products.features',
      'products.node_locked',
      'products.rehosts_per_year',
      'products.created_at as product_created_at',
    ])
    .where('entitlements.serial_number', '=', serialNumber)
    .where('entitlements.account_id', '=', accountId),
);

const updateRegistration = compiledOnce((db: Db, entitlementId: string, registrationId: string, at: string) =>
  db.updateTable('entitlements').set({ registration_id: registrationId, registered_at: at }).where('id', '=', entitlementId).where('registered_at', 'is', null),
);
