import type { Db } from '../../db/database.js';
import type { LoginChallengesTable, RecoveryCodesTable, TotpFactorsTable } from './two-factor.table.js';

const affected = (r: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) =>
  Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n);

export const twoFactorRepository = {
  findTotp(db: Db, userId: string): Promise<TotpFactorsTable | undefined> {
    return db.selectFrom('totp_factors').selectAll().where('user_id', '=', userId).executeTakeFirst();
  },

  /** A new, unconfirmed secret replaces an unconfirmed one; a confirmed one is never replaced here. */
  async putUnconfirmedTotp(db: Db, row: TotpFactorsTable): Promise<boolean> {
    await db
      .deleteFrom('totp_factors')
      .where('user_id', '=', row.user_id)
      .where('confirmed_at', 'is', null)
      .execute();
    const r = await db
      .insertInto('totp_factors')
      .values(row)
      .onConflict((oc) => oc.column('user_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  async confirmTotp(db: Db, userId: string, at: string, step: number): Promise<boolean> {
    const r = await db
      .updateTable('totp_factors')
      .set({ confirmed_at: at, last_used_step: step })
      .where('user_id', '=', userId)
      .where('confirmed_at', 'is', null)
      .executeTakeFirst();
    return affected(r) === 1;
  },

  /** Accepts a time step once: of two requests with the same code, exactly one moves the step on. */
  async useTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
    const r = await db
      .updateTable('totp_factors')
      .set({ last_used_step: step })
      .where('user_id', '=', userId)
      .where('confirmed_at', 'is not', null)
      .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
      .executeTakeFirst();
    return affected(r) === 1;
  },

  async deleteTotp(db: Db, userId: string): Promise<void> {
    await db.deleteFrom('totp_factors').where('user_id', '=', userId).execute();
  },

  async replaceRecoveryCodes(db: Db, userId: string, rows: RecoveryCodesTable[]): Promise<void> {
    await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    if (rows.length > 0) await db.insertInto('recovery_codes').values(rows).execute();
  },

  /** Spends a recovery code: succeeds for exactly one caller, however many try at once. */
  async spendRecoveryCode(db: Db, userId: string, codeHash: string, at: string): Promise<boolean> {
    const r = await db
      .updateTable('recovery_codes')
      .set({ used_at: at })
      .where('user_id', '=', userId)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return affected(r) === 1;
  },

  async recoveryCodesLeft(db: Db, userId: string): Promise<number> {
    const row = await db
      .selectFrom('recovery_codes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async deleteRecoveryCodes(db: Db, userId: string): Promise<void> {
    await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  },

  async insertChallenge(db: Db, row: LoginChallengesTable): Promise<void> {
    await db.insertInto('login_challenges').values(row).execute();
  },

  /** A challenge that is unused, unexpired, and has tries left. */
  findLiveChallenge(db: Db, idHash: string, now: string, maxAttempts: number) {
    return db
      .selectFrom('login_challenges')
      .innerJoin('users', 'users.id', 'login_challenges.user_id')
      .select(['login_challenges.id_hash', 'users.id', 'users.email', 'users.name'])
      .where('login_challenges.id_hash', '=', idHash)
      .where('login_challenges.used_at', 'is', null)
      .where('login_challenges.expires_at', '>', now)
      .where('login_challenges.failed_attempts', '<', maxAttempts)
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst();
  },

  /** Counts a wrong code; answers how many were counted so far. */
  async failChallenge(db: Db, idHash: string): Promise<number> {
    await db
      .updateTable('login_challenges')
      .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
      .where('id_hash', '=', idHash)
      .execute();
    const row = await db
      .selectFrom('login_challenges')
      .select('failed_attempts')
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    return row?.failed_attempts ?? 0;
  },

  async useChallenge(db: Db, idHash: string, at: string): Promise<boolean> {
    const r = await db
      .updateTable('login_challenges')
      .set({ used_at: at })
      .where('id_hash', '=', idHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return affected(r) === 1;
  },

  async deleteExpiredChallenges(db: Db, now: string): Promise<number> {
    const r = await db.deleteFrom('login_challenges').where('expires_at', '<', now).executeTakeFirst();
    return affected(r);
  },

  /** The session now carries a proven second factor and may do everything its user may. */
  async liftSessionRestriction(db: Db, sessionIdHash: string): Promise<void> {
    await db
      .updateTable('sessions')
      .set({ second_factor: 'totp', restriction: null })
      .where('id_hash', '=', sessionIdHash)
      .execute();
  },
};
