import type { Db } from '../../db/database.js';
import type {
  IdentityProvidersTable,
  SsoDomainsTable,
  SsoIdentitiesTable,
  SsoLoginStatesTable,
} from './sso.table.js';

const affected = (r: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) =>
  Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n);

export const ssoRepository = {
  findProviderOfAccount(db: Db, accountId: string): Promise<IdentityProvidersTable | undefined> {
    return db
      .selectFrom('identity_providers')
      .selectAll()
      .where('account_id', '=', accountId)
      .executeTakeFirst();
  },

  findProvider(db: Db, id: string): Promise<IdentityProvidersTable | undefined> {
    return db.selectFrom('identity_providers').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async upsertProvider(db: Db, row: IdentityProvidersTable): Promise<void> {
    await db
      .insertInto('identity_providers')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('account_id')
          .doUpdateSet({
            issuer: row.issuer,
            client_id: row.client_id,
            client_secret_sealed: row.client_secret_sealed,
            jit_role: row.jit_role,
            updated_at: row.updated_at,
          }),
      )
      .execute();
  },

  async deleteProvider(db: Db, accountId: string): Promise<boolean> {
    return (
      affected(
        await db.deleteFrom('identity_providers').where('account_id', '=', accountId).executeTakeFirst(),
      ) === 1
    );
  },

  /** The provider a verified domain routes to, with its account. */
  routeForDomain(db: Db, domain: string) {
    return db
      .selectFrom('sso_domains')
      .innerJoin('identity_providers', 'identity_providers.account_id', 'sso_domains.account_id')
      .innerJoin('accounts', 'accounts.id', 'sso_domains.account_id')
      .select([
        'identity_providers.id as provider_id',
        'sso_domains.account_id',
        'accounts.name as account_name',
        'accounts.kind as account_kind',
      ])
      .where('sso_domains.domain', '=', domain)
      .where('sso_domains.verified_at', 'is not', null)
      .executeTakeFirst();
  },

  findDomain(db: Db, domain: string): Promise<SsoDomainsTable | undefined> {
    return db.selectFrom('sso_domains').selectAll().where('domain', '=', domain).executeTakeFirst();
  },

  listDomains(db: Db, accountId: string): Promise<SsoDomainsTable[]> {
    return db
      .selectFrom('sso_domains')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('domain')
      .execute();
  },

  /** Claims a domain for the account; false when it is claimed already (by anyone). */
  async claimDomain(db: Db, row: SsoDomainsTable): Promise<boolean> {
    const r = await db
      .insertInto('sso_domains')
      .values(row)
      .onConflict((oc) => oc.column('domain').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  async markDomainVerified(db: Db, accountId: string, domain: string, at: string): Promise<boolean> {
    const r = await db
      .updateTable('sso_domains')
      .set({ verified_at: at })
      .where('domain', '=', domain)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return affected(r) === 1;
  },

  async deleteDomain(db: Db, accountId: string, domain: string): Promise<boolean> {
    return (
      affected(
        await db
          .deleteFrom('sso_domains')
          .where('domain', '=', domain)
          .where('account_id', '=', accountId)
          .executeTakeFirst(),
      ) === 1
    );
  },

  async isVerifiedDomainOf(db: Db, accountId: string, domain: string): Promise<boolean> {
    const row = await db
      .selectFrom('sso_domains')
      .select('domain')
      .where('domain', '=', domain)
      .where('account_id', '=', accountId)
      .where('verified_at', 'is not', null)
      .executeTakeFirst();
    return row !== undefined;
  },

  async insertLoginState(db: Db, row: SsoLoginStatesTable): Promise<void> {
    await db.insertInto('sso_login_states').values(row).execute();
  },

  /** Takes a sign-in state once: the second callback with the same state finds nothing. */
  async takeLoginState(db: Db, stateHash: string, now: string): Promise<SsoLoginStatesTable | undefined> {
    const row = await db
      .selectFrom('sso_login_states')
      .selectAll()
      .where('state_hash', '=', stateHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (!row) return undefined;
    const r = await db
      .updateTable('sso_login_states')
      .set({ used_at: now })
      .where('state_hash', '=', stateHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return affected(r) === 1 ? row : undefined;
  },

  async deleteStaleLoginStates(db: Db, now: string): Promise<number> {
    return affected(await db.deleteFrom('sso_login_states').where('expires_at', '<', now).executeTakeFirst());
  },

  findIdentity(db: Db, providerId: string, subject: string): Promise<SsoIdentitiesTable | undefined> {
    return db
      .selectFrom('sso_identities')
      .selectAll()
      .where('provider_id', '=', providerId)
      .where('subject', '=', subject)
      .executeTakeFirst();
  },

  async linkIdentity(db: Db, row: SsoIdentitiesTable): Promise<void> {
    await db
      .insertInto('sso_identities')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['provider_id', 'subject']).doUpdateSet({ last_signed_in_at: row.last_signed_in_at }),
      )
      .execute();
  },

  async sessionMethod(db: Db, sessionIdHash: string): Promise<string | undefined> {
    const row = await db
      .selectFrom('sessions')
      .select('method')
      .where('id_hash', '=', sessionIdHash)
      .executeTakeFirst();
    return row?.method;
  },
};
