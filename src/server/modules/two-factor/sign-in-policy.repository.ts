import type { Db } from '../../db/database.js';
import type { SignInPoliciesTable } from './two-factor.table.js';

/** One membership of a user with what its account requires of sign-ins. */
export interface MembershipPolicyRow {
  account_id: string;
  account_name: string;
  kind: 'vendor' | 'customer' | 'partner' | 'oem';
  role: 'admin' | 'member' | 'viewer' | 'support';
  two_factor_required: number | null;
  sso_required: number | null;
}

export const signInPolicyRepository = {
  findPolicy(db: Db, accountId: string): Promise<SignInPoliciesTable | undefined> {
    return db
      .selectFrom('sign_in_policies')
      .selectAll()
      .where('account_id', '=', accountId)
      .executeTakeFirst();
  },

  async upsertPolicy(db: Db, row: SignInPoliciesTable): Promise<void> {
    await db
      .insertInto('sign_in_policies')
      .values(row)
      .onConflict((oc) =>
        oc.column('account_id').doUpdateSet({
          two_factor_required: row.two_factor_required,
          sso_required: row.sso_required,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  },

  /** Every account the user is a member of, with its sign-in policy (null columns: none set). */
  membershipPolicies(db: Db, userId: string): Promise<MembershipPolicyRow[]> {
    return db
      .selectFrom('memberships')
      .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
      .leftJoin('sign_in_policies', 'sign_in_policies.account_id', 'memberships.account_id')
      .select([
        'memberships.account_id',
        'accounts.name as account_name',
        'accounts.kind',
        'memberships.role',
        'sign_in_policies.two_factor_required',
        'sign_in_policies.sso_required',
      ])
      .where('memberships.user_id', '=', userId)
      .execute();
  },

  /**
   * When an account starts requiring a second factor: its members' password sessions that proved
   * none, of members who have none enrolled, may from now on only enrol one.
   */
  async restrictSessionsWithoutSecondFactor(db: Db, accountId: string): Promise<number> {
    const r = await db
      .updateTable('sessions')
      .set({ restriction: 'two_factor_enrollment' })
      .where('method', '=', 'password')
      .where('second_factor', 'is', null)
      .where('user_id', 'in', (eb) =>
        eb.selectFrom('memberships').select('user_id').where('account_id', '=', accountId),
      )
      .where('user_id', 'not in', (eb) =>
        eb.selectFrom('totp_factors').select('user_id').where('confirmed_at', 'is not', null),
      )
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  /** When an account starts requiring single sign-on: its members' password sessions end. */
  async endPasswordSessionsOfMembers(db: Db, accountId: string): Promise<number> {
    const r = await db
      .deleteFrom('sessions')
      .where('method', '=', 'password')
      .where('user_id', 'in', (eb) =>
        eb.selectFrom('memberships').select('user_id').where('account_id', '=', accountId),
      )
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  },
};
