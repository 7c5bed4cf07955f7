import type { Db } from '../../db/database.js';
import type { LicenseViewsTable } from './license-management.table.js';

/** A user's saved views of the license list, in one account. */
export const licenseViewsRepository = {
  list(db: Db, accountId: string, userId: string): Promise<LicenseViewsTable[]> {
    return db.selectFrom('license_views').selectAll().where('account_id', '=', accountId).where('user_id', '=', userId).orderBy('name').limit(200).execute();
  },

  /** Saving under an existing name replaces that view. */
  async save(db: Db, row: LicenseViewsTable): Promise<LicenseViewsTable> {
    return db
      .insertInto('license_views')
      .values(row)
      .onConflict((oc) => oc.columns(['account_id', 'user_id', 'name']).doUpdateSet({ query: row.query, columns: row.columns }))
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async delete(db: Db, accountId: string, userId: string, id: string): Promise<boolean> {
    const result = await db.deleteFrom('license_views').where('id', '=', id).where('account_id', '=', accountId).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  },
};
