import { compiledOnce } from '../../db/compiled-once.js';
import type { Db } from '../../db/database.js';
import type { ApiTokensTable, AuthTokensTable, SessionsTable } from './auth.table.js';

const selectLiveApiToken = compiledOnce((db: Db, tokenHash: string) =>
  db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null),
);

export const authRepository = {
  async insertSession(db: Db, row: SessionsTable): Promise<void> {
    await db.insertInto('sessions').values(row).execute();
  },

  findLiveSession(db: Db, idHash: string, now: string) {
    return db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id_hash',
        'sessions.csrf_token',
        'sessions.last_seen_at',
        'sessions.method',
        'sessions.second_factor',
        'sessions.restriction',
        'users.id as user_id',
        'users.email',
        'users.name',
      ])
      .where('sessions.id_hash', '=', idHash)
      .where('sessions.expires_at', '>', now)
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst();
  },

  async touchSession(db: Db, idHash: string, at: string): Promise<void> {
    await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
  },

  async deleteSession(db: Db, idHash: string): Promise<void> {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  },

  async deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
    await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  },

  async insertApiToken(db: Db, row: ApiTokensTable): Promise<void> {
    await db.insertInto('api_tokens').values(row).execute();
  },

  /** Compiled once: every request with an API token looks it up. */
  async findLiveApiToken(db: Db, tokenHash: string) {
    return (await selectLiveApiToken(db, tokenHash)).rows[0];
  },

  async touchApiToken(db: Db, id: string, at: string): Promise<void> {
    await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  },

  listApiTokens(db: Db, accountId: string) {
    return db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'role', 'created_at', 'last_used_at', 'revoked_at'])
      .where('account_id', '=', accountId)
      .orderBy('id', 'desc')
      .execute();
  },

  async revokeApiToken(db: Db, accountId: string, id: string, at: string): Promise<boolean> {
    const r = await db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async insertAuthToken(db: Db, row: AuthTokensTable): Promise<void> {
    await db.insertInto('auth_tokens').values(row).execute();
  },

  /** Uses a one-time link: succeeds for exactly one caller, and only before it expires. */
  async consumeAuthToken(db: Db, tokenHash: string, purpose: AuthTokensTable['purpose'], now: string): Promise<string | undefined> {
    const row = await db
      .selectFrom('auth_tokens')
      .select(['id', 'user_id'])
      .where('token_hash', '=', tokenHash)
      .where('purpose', '=', purpose)
      .executeTakeFirst();
    if (!row) return undefined;
    const r = await db
      .updateTable('auth_tokens')
      .set({ used_at: now })
      .where('id', '=', row.id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1 ? row.user_id : undefined;
  },
};
