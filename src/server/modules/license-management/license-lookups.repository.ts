import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { escapeLike } from '../accounts/accounts.repository.js';
import { prefixEnd } from './search-terms.js';

export interface LicenseOwnerRow {
  id: string;
  account_id: string;
  license_key: string;
}

/** Small lookups around the list: products named by a filter, licenses named by id or key. */
export const licenseLookupsRepository = {
  async productIdsBySku(db: Db, sku: string): Promise<string[]> {
    const rows = await db.selectFrom('products').select('id').where('sku', '=', sku).execute();
    return rows.map((r) => r.id);
  },

  async productIdsByVersion(db: Db, version: string): Promise<string[]> {
    const rows = await db.selectFrom('products').select('id').where('version', '=', version).orderBy('id').execute();
    return rows.map((r) => r.id);
  },

  /** Products whose name or line contains the text, or whose SKU starts with it (the catalog is small). */
  async productIdsMatching(db: Db, text: string): Promise<string[]> {
    const like = `%${escapeLike(text)}%`;
    const rows = await db
      .selectFrom('products')
      .select('id')
      .where((eb) =>
        eb.or([
          eb(sql`lower(name)`, 'like', like),
          eb(sql`lower(product_line)`, 'like', like),
          eb(sql`lower(sku)`, 'like', `${escapeLike(text)}%`),
        ]),
      )
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  },

  // The ORDER BY keeps the count on the index: with a LIMIT alone PostgreSQL may prefer a
  // sequential scan that it expects to stop early, and read far more.

  /** How many licenses of the account have a host ID starting with `prefix`, counting no further than `cap`. */
  async countHostPrefix(db: Db, accountId: string, prefix: string, cap: number): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*) as n from (select 1 from licenses l
      where l.account_id = ${accountId} and coalesce(l.host_id, '') >= ${prefix} and coalesce(l.host_id, '') < ${prefixEnd(prefix)}
      order by coalesce(l.host_id, '') limit ${cap}) as m`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },

  /** How many custom values of the account start with `prefix` (lowercase) and are longer, counting no further than `cap`. */
  async countValuePrefix(db: Db, accountId: string, prefix: string, cap: number): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*) as n from (select 1 from custom_field_values v
      where v.account_id = ${accountId} and v.value_norm > ${prefix} and v.value_norm < ${prefixEnd(prefix)}
      order by v.value_norm limit ${cap}) as m`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },

  findLicense(db: Db, id: string): Promise<LicenseOwnerRow | undefined> {
    return db.selectFrom('licenses').select(['id', 'account_id', 'license_key']).where('id', '=', id).executeTakeFirst();
  },

  /** The product a license is for, as a person names it in a message. */
  productOfLicense(db: Db, licenseId: string): Promise<{ name: string; version: string } | undefined> {
    return db
      .selectFrom('licenses as l')
      .innerJoin('products as p', 'p.id', 'l.product_id')
      .select(['p.name', 'p.version'])
      .where('l.id', '=', licenseId)
      .executeTakeFirst();
  },

  findLicensesByKeys(db: Db, keys: string[]): Promise<LicenseOwnerRow[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return db.selectFrom('licenses').select(['id', 'account_id', 'license_key']).where('license_key', 'in', keys).execute();
  },

  findLicensesByIds(db: Db, ids: string[]): Promise<LicenseOwnerRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('licenses').select(['id', 'account_id', 'license_key']).where('id', 'in', ids).execute();
  },
};
