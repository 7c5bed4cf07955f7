import type { Db } from '../../db/database.js';

/** Who a reminder goes to, read for a whole batch of accounts at once. */
export const recipientsRepository = {
  adminsOf(db: Db, accountIds: string[]) {
    if (accountIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.account_id', 'u.email'])
      .where('m.account_id', 'in', accountIds)
      .where('m.role', '=', 'admin')
      .where('u.disabled_at', 'is', null)
      .execute();
  },

  /** The admins of each partner delegated to the accounts, keyed by the customer account. */
  partnerAdminsOf(db: Db, accountIds: string[]) {
    if (accountIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('delegations as d')
      .innerJoin('memberships as m', 'm.account_id', 'd.partner_account_id')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['d.customer_account_id as account_id', 'u.email'])
      .where('d.customer_account_id', 'in', accountIds)
      .where('m.role', '=', 'admin')
      .where('u.disabled_at', 'is', null)
      .execute();
  },

  registrations(db: Db, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('registrations').select(['id', 'account_id', 'technical_email', 'customer_contact']).where('id', 'in', ids).execute();
  },
};
