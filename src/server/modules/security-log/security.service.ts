import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { sha256Hex } from '../../platform/hash.js';
import { pageOf } from '../../platform/paging.js';
import { notFound } from '../../http/app-error.js';
import type { TSecurityEvent, TUserSession } from '../../../contracts/security.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { signedInUser } from '../two-factor/two-factor.service.js';
import { securityRepository } from './security.repository.js';

export interface SecurityDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
}

/** A session's public id: derived from its key, so the key (itself a hash of the cookie) never leaves. */
export const publicSessionId = (idHash: string): string =>
  `ses_${sha256Hex(`session-id:${idHash}`).slice(0, 32)}`;

/** A person's own sessions ("where am I signed in", sign out one or everywhere) and security log. */
export class SecurityService {
  constructor(private readonly deps: SecurityDeps) {}

  async listSessions(ctx: RequestContext): Promise<{ items: TUserSession[]; nextCursor: null }> {
    const user = signedInUser(ctx);
    const rows = await securityRepository.sessionsOfUser(
      this.deps.store.db,
      user.userId,
      this.deps.clock.now().toISOString(),
    );
    return {
      nextCursor: null,
      items: rows.map((r) => ({
        id: publicSessionId(r.id_hash),
        current: r.id_hash === user.sessionIdHash,
        method: r.method,
        secondFactor: r.second_factor,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        expiresAt: r.expires_at,
        ip: r.ip,
        userAgent: r.user_agent,
      })),
    };
  }

  async revokeSession(ctx: RequestContext, sessionId: string): Promise<void> {
    const user = signedInUser(ctx);
    const { store, clock } = this.deps;
    const rows = await securityRepository.sessionsOfUser(store.db, user.userId, clock.now().toISOString());
    const target = rows.find((r) => publicSessionId(r.id_hash) === sessionId);
    if (!target) throw notFound('session');
    await store.transaction(async (tx) => {
      if (!(await securityRepository.deleteSession(tx, user.userId, target.id_hash)))
        throw notFound('session');
      await this.deps.audit.record(tx, ctx, {
        action: 'session.revoked',
        accountId: null,
        targetType: 'user',
        targetId: user.userId,
        data: { sessionId, ip: target.ip, userAgent: target.user_agent },
      });
    });
  }

  /** Ends every other session of the user (and this one too when asked). */
  async signOutEverywhere(ctx: RequestContext, includeThisOne: boolean): Promise<{ ended: number }> {
    const user = signedInUser(ctx);
    return this.deps.store.transaction(async (tx) => {
      const ended = await securityRepository.deleteSessionsOfUser(
        tx,
        user.userId,
        includeThisOne ? null : user.sessionIdHash,
      );
      await this.deps.audit.record(tx, ctx, {
        action: 'user.signed_out_everywhere',
        accountId: null,
        targetType: 'user',
        targetId: user.userId,
        data: { ended, includeThisOne },
      });
      return { ended };
    });
  }

  async securityLog(ctx: RequestContext, opts: { cursor?: string | undefined; limit: number }) {
    return this.eventsOf(signedInUser(ctx).userId, opts);
  }

  /** Vendor staff: a person's security log, e.g. when they report a sign-in they did not make (empty for an unknown id). */
  async securityLogOfUser(
    ctx: RequestContext,
    userId: string,
    opts: { cursor?: string | undefined; limit: number },
  ) {
    authorize(ctx.actor, 'vendor.support');
    return this.eventsOf(userId, opts);
  }

  /** Vendor admins: sign a person out everywhere (a stolen laptop, a leaked password). */
  async endSessionsOfUser(ctx: RequestContext, userId: string): Promise<{ ended: number }> {
    authorize(ctx.actor, 'vendor.write');
    return this.deps.store.transaction(async (tx) => {
      if (!(await accountsRepository.findUser(tx, userId))) throw notFound('user');
      const ended = await securityRepository.deleteSessionsOfUser(tx, userId, null);
      await this.deps.audit.record(tx, ctx, {
        action: 'user.signed_out_everywhere',
        accountId: null,
        targetType: 'user',
        targetId: userId,
        data: { ended, byVendor: true },
      });
      return { ended };
    });
  }

  private async eventsOf(
    userId: string,
    opts: { cursor?: string | undefined; limit: number },
  ): Promise<{ items: TSecurityEvent[]; nextCursor: string | null }> {
    const rows = await securityRepository.securityEvents(this.deps.store.db, userId, {
      before: opts.cursor,
      limit: opts.limit + 1,
    });
    const items = rows.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      ip: r.ip,
      by: r.actor_user_id === userId ? null : r.actor_label,
      detail: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null,
    }));
    return pageOf(items, opts.limit, (e) => e.id);
  }
}
