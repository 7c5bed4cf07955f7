import type { Db } from '../../db/database.js';
import type { CustomFieldsTable } from './license-management.table.js';

/** What the list shows of a license: never its file or anything secret beyond the key. */
export interface ListedLicenseRow {
  id: string;
  account_id: string;
  license_key: string;
  quantity: number;
  host_id: string | null;
  not_before: string;
  expires_at: string | null;
  maintenance_ends_at: string | null;
  status: 'active' | 'revoked' | 'retired';
  issued_at: string;
  sku: string;
  product_name: string;
  version: string;
  serial_number: string | null;
}

export interface ListedValueRow {
  license_id: string;
  name: string;
  type: CustomFieldsTable['type'];
  value: string;
}

export interface ShareMarkRow {
  license_id: string;
  permission: 'view' | 'manage';
  owner_account_id: string;
  owner_name: string;
}

/** The rows behind a page of license ids (the list, the export). */
export const licenseDetailsRepository = {
  async licenses(db: Db, ids: string[]): Promise<ListedLicenseRow[]> {
    if (ids.length === 0) return [];
    return db
      .selectFrom('licenses as l')
      .innerJoin('products as p', 'p.id', 'l.product_id')
      .leftJoin('entitlements as e', 'e.id', 'l.entitlement_id')
      .select([
        'l.id',
        'l.account_id',
        'l.license_key',
        'l.quantity',
        'l.host_id',
        'l.not_before',
        'l.expires_at',
        'l.maintenance_ends_at',
        'l.status',
        'l.issued_at',
        'p.sku',
        'p.name as product_name',
        'p.version',
        'e.serial_number',
      ])
      .where('l.id', 'in', ids)
      .execute();
  },

  async values(db: Db, ids: string[]): Promise<ListedValueRow[]> {
    if (ids.length === 0) return [];
    return db
      .selectFrom('custom_field_values as v')
      .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
      .select(['v.license_id', 'f.name', 'f.type', 'v.value'])
      .where('v.license_id', 'in', ids)
      .execute();
  },

  products(db: Db, ids: string[]): Promise<{ id: string; sku: string; name: string; version: string }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('products').select(['id', 'sku', 'name', 'version']).where('id', 'in', ids).execute();
  },

  /** How each of `ids` reaches the user, for those shared with them. */
  async shareMarks(db: Db, userId: string, ids: string[]): Promise<ShareMarkRow[]> {
    if (ids.length === 0) return [];
    return db
      .selectFrom('license_shares as s')
      .innerJoin('accounts as a', 'a.id', 's.owner_account_id')
      .select(['s.license_id', 's.permission', 's.owner_account_id', 'a.name as owner_name'])
      .where('s.recipient_user_id', '=', userId)
      .where('s.license_id', 'in', ids)
      .execute();
  },
};
