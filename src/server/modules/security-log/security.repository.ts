import type { Db } from '../../db/database.js';

/** The audit actions that belong in a person's security log (their target is that user). */
export const SECURITY_ACTIONS = [
  'user.signed_in',
  'user.sign_in_failed',
  'user.password_reset_requested',
  'user.password_reset',
  'user.invitation_accepted',
  'two_factor.enabled',
  'two_factor.disabled',
  'two_factor.recovery_code_used',
  'two_factor.recovery_codes_regenerated',
  'session.revoked',
  'user.signed_out_everywhere',
  'sso.identity_linked',
] as const;

export const securityRepository = {
  sessionsOfUser(db: Db, userId: string, now: string) {
    return db
      .selectFrom('sessions')
      .select([
        'id_hash',
        'method',
        'second_factor',
        'created_at',
        'last_seen_at',
        'expires_at',
        'ip',
        'user_agent',
      ])
      .where('user_id', '=', userId)
      .where('expires_at', '>', now)
      .orderBy('last_seen_at', 'desc')
      .limit(500)
      .execute();
  },

  async deleteSession(db: Db, userId: string, idHash: string): Promise<boolean> {
    const r = await db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  },

  async deleteSessionsOfUser(db: Db, userId: string, keepIdHash: string | null): Promise<number> {
    let q = db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepIdHash) q = q.where('id_hash', '!=', keepIdHash);
    const r = await q.executeTakeFirst();
    return Number(r.numDeletedRows);
  },

  /** Newest first, from the audit log (the one record of what happened); `limit + 1` rows. */
  securityEvents(db: Db, userId: string, opts: { before?: string | undefined; limit: number }) {
    let q = db
      .selectFrom('audit_log')
      .select(['id', 'at', 'action', 'ip', 'actor_user_id', 'actor_label', 'data'])
      .where('target_type', '=', 'user')
      .where('target_id', '=', userId)
      .where('action', 'in', [...SECURITY_ACTIONS]);
    if (opts.before) q = q.where('id', '<', opts.before);
    return q.orderBy('id', 'desc').limit(opts.limit).execute();
  },
};
