import type { Db } from '../../db/database.js';
import type { AccountsTable, DelegationsTable, MembershipsTable, UsersTable } from './accounts.table.js';

export interface GrantRow {
  account_id: string;
  role: MembershipsTable['role'];
  kind: AccountsTable['kind'];
}

export const accountsRepository = {
  async insertAccount(db: Db, row: AccountsTable): Promise<void> {
    await db.insertInto('accounts').values(row).execute();
  },

  findAccount(db: Db, id: string): Promise<AccountsTable | undefined> {
    return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findVendorAccount(db: Db): Promise<AccountsTable | undefined> {
    return db.selectFrom('accounts').selectAll().where('kind', '=', 'vendor').executeTakeFirst();
  },

  listAccounts(db: Db, opts: { q?: string | undefined; kind?: string | undefined; after?: string | undefined; limit: number }) {
    let q = db.selectFrom('accounts').selectAll();
    if (opts.q) q = q.where('name', 'like', `%${escapeLike(opts.q)}%`);
    if (opts.kind) q = q.where('kind', '=', opts.kind as AccountsTable['kind']);
    if (opts.after) q = q.where('id', '>', opts.after);
    return q.orderBy('id').limit(opts.limit).execute();
  },

  async namesOf(db: Db, ids: string[]): Promise<Map<string, AccountsTable>> {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('accounts').selectAll().where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r]));
  },

  async insertUser(db: Db, row: UsersTable): Promise<void> {
    await db.insertInto('users').values(row).execute();
  },

  findUserByEmail(db: Db, email: string): Promise<UsersTable | undefined> {
    return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  },

  findUser(db: Db, id: string): Promise<UsersTable | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async setPassword(db: Db, userId: string, passwordHash: string): Promise<void> {
    await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
  },

  listUsers(db: Db, opts: { q?: string | undefined; after?: string | undefined; limit: number }) {
    let q = db.selectFrom('users').selectAll();
    if (opts.q) q = q.where((eb) => eb.or([eb('email', 'like', `%${escapeLike(opts.q!)}%`), eb('name', 'like', `%${escapeLike(opts.q!)}%`)]));
    if (opts.after) q = q.where('id', '>', opts.after);
    return q.orderBy('id').limit(opts.limit).execute();
  },

  /** Inserts or changes a membership's role. */
  async upsertMembership(db: Db, row: MembershipsTable): Promise<void> {
    await db
      .insertInto('memberships')
      .values(row)
      .onConflict((oc) => oc.columns(['account_id', 'user_id']).doUpdateSet({ role: row.role }))
      .execute();
  },

  membershipsOfUsers(db: Db, userIds: string[]) {
    if (userIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('memberships')
      .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
      .select(['memberships.user_id', 'memberships.account_id', 'memberships.role', 'accounts.name as account_name'])
      .where('memberships.user_id', 'in', userIds)
      .execute();
  },

  grantsOfUser(db: Db, userId: string): Promise<GrantRow[]> {
    return db
      .selectFrom('memberships')
      .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
      .select(['memberships.account_id', 'memberships.role', 'accounts.kind'])
      .where('memberships.user_id', '=', userId)
      .execute();
  },

  listAccountMembers(db: Db, accountId: string, opts: { after?: string | undefined; limit: number }) {
    let q = db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id as user_id', 'users.email', 'users.name', 'memberships.role'])
      .where('memberships.account_id', '=', accountId);
    if (opts.after) q = q.where('users.id', '>', opts.after);
    return q.orderBy('users.id').limit(opts.limit).execute();
  },

  /** Users of an account with one of `roles`, for notices (e.g. every admin). */
  membersWithRole(db: Db, accountId: string, roles: MembershipsTable['role'][]) {
    return db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.email', 'users.name'])
      .where('memberships.account_id', '=', accountId)
      .where('memberships.role', 'in', roles)
      .where('users.disabled_at', 'is', null)
      .execute();
  },

  /** Records a delegation; returns false when it existed already. */
  async insertDelegation(db: Db, row: DelegationsTable): Promise<boolean> {
    const r = await db
      .insertInto('delegations')
      .values(row)
      .onConflict((oc) => oc.columns(['customer_account_id', 'partner_account_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  async deleteDelegation(db: Db, customerAccountId: string, partnerAccountId: string): Promise<boolean> {
    const r = await db
      .deleteFrom('delegations')
      .where('customer_account_id', '=', customerAccountId)
      .where('partner_account_id', '=', partnerAccountId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  },

  delegationsOfCustomer(db: Db, customerAccountId: string) {
    return db
      .selectFrom('delegations')
      .innerJoin('accounts', 'accounts.id', 'delegations.partner_account_id')
      .select(['delegations.partner_account_id', 'accounts.name as partner_name', 'delegations.granted_at', 'delegations.source'])
      .where('delegations.customer_account_id', '=', customerAccountId)
      .orderBy('delegations.granted_at')
      .execute();
  },

  customersOfPartners(db: Db, partnerAccountIds: string[], opts: { after?: string | undefined; limit: number }) {
    if (partnerAccountIds.length === 0) return Promise.resolve([]);
    let q = db
      .selectFrom('delegations')
      .innerJoin('accounts', 'accounts.id', 'delegations.customer_account_id')
      .select(['delegations.customer_account_id', 'delegations.partner_account_id', 'accounts.name', 'delegations.granted_at'])
      .where('delegations.partner_account_id', 'in', partnerAccountIds);
    if (opts.after) q = q.where('delegations.customer_account_id', '>', opts.after);
    return q.orderBy('delegations.customer_account_id').limit(opts.limit).execute();
  },
};

export function escapeLike(value: string): string {
  return value.replace(/[%_\\]/g, '');
}
