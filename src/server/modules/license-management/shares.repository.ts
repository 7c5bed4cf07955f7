import type { Db } from '../../db/database.js';
import type { LicenseSharesTable } from './license-management.table.js';

export interface ShareRow extends LicenseSharesTable {
  email: string;
}

/** Shares of a license with users of other accounts. */
export const sharesRepository = {
  /** Creates the share, or changes the permission of the one that exists: one share per license and user (a unique index). */
  async upsert(db: Db, row: LicenseSharesTable): Promise<{ id: string; created: boolean }> {
    const saved = await db
      .insertInto('license_shares')
      .values(row)
      .onConflict((oc) => oc.columns(['license_id', 'recipient_user_id']).doUpdateSet({ permission: row.permission }))
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: saved.id, created: saved.id === row.id };
  },

  findForUser(db: Db, licenseId: string, userId: string): Promise<LicenseSharesTable | undefined> {
    return db.selectFrom('license_shares').selectAll().where('license_id', '=', licenseId).where('recipient_user_id', '=', userId).executeTakeFirst();
  },

  findManyForUser(db: Db, licenseIds: string[], userId: string): Promise<LicenseSharesTable[]> {
    return db.selectFrom('license_shares').selectAll().where('license_id', 'in', licenseIds).where('recipient_user_id', '=', userId).execute();
  },

  find(db: Db, licenseId: string, shareId: string): Promise<ShareRow | undefined> {
    return db
      .selectFrom('license_shares as s')
      .innerJoin('users as u', 'u.id', 's.recipient_user_id')
      .selectAll('s')
      .select('u.email')
      .where('s.id', '=', shareId)
      .where('s.license_id', '=', licenseId)
      .executeTakeFirst();
  },

  list(db: Db, licenseId: string, opts: { after?: string | undefined; limit: number }): Promise<ShareRow[]> {
    let q = db
      .selectFrom('license_shares as s')
      .innerJoin('users as u', 'u.id', 's.recipient_user_id')
      .selectAll('s')
      .select('u.email')
      .where('s.license_id', '=', licenseId);
    if (opts.after) q = q.where('s.id', '>', opts.after);
    return q.orderBy('s.id').limit(opts.limit).execute();
  },

  async delete(db: Db, shareId: string): Promise<boolean> {
    const result = await db.deleteFrom('license_shares').where('id', '=', shareId).executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  },
};
