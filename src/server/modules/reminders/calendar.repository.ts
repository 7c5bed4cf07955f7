import type { Db } from '../../db/database.js';

export const calendarRepository = {
  find(db: Db, accountId: string) {
    return db.selectFrom('calendar_feeds').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  },

  /** Creates the account's feed unless it exists (two first visits at once make one). */
  async ensure(db: Db, accountId: string, nonce: string, at: string): Promise<void> {
    await db
      .insertInto('calendar_feeds')
      .values({ account_id: accountId, nonce, created_at: at })
      .onConflict((oc) => oc.column('account_id').doNothing())
      .execute();
  },

  async replace(tx: Db, accountId: string, nonce: string, at: string): Promise<void> {
    await tx
      .insertInto('calendar_feeds')
      .values({ account_id: accountId, nonce, created_at: at })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ nonce, created_at: at }))
      .execute();
  },
};
