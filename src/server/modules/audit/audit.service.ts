import type { Db } from '../../db/database.js';
import { newId } from '../../platform/ids.js';
import { pageOf } from '../../platform/paging.js';
import type { Clock } from '../../platform/clock.js';
import { actorLabel, type RequestContext } from '../auth/actor.js';
import { auditRepository, type AuditFilter } from './audit.repository.js';
import type { AuditLogTable } from './audit.table.js';

export interface AuditEntry {
  action: string;
  accountId: string | null;
  partnerAccountId?: string | null;
  targetType?: string;
  targetId?: string;
  /** What changed; never a secret (no passwords, tokens or keys). */
  data?: Record<string, unknown>;
}

export interface AuditRecord {
  id: string;
  at: string;
  actorUserId: string | null;
  actorTokenId: string | null;
  actorEmail: string | null;
  accountId: string | null;
  partnerAccountId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  data: Record<string, unknown> | null;
}

/** The append-only audit log (SPEC §14). Written inside the transaction of the change it records. */
export class AuditLog {
  constructor(private readonly clock: Clock) {}

  async record(tx: Db, ctx: RequestContext, entry: AuditEntry): Promise<void> {
    await this.recordMany(tx, ctx, [entry]);
  }

  /** Several entries of one change in one statement (an order import records one per order). */
  async recordMany(tx: Db, ctx: RequestContext, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const now = this.clock.now();
    await auditRepository.insert(
      tx,
      entries.map((entry) => ({
        id: newId('audit', now),
        at: now.toISOString(),
        actor_user_id: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        actor_token_id: ctx.actor.kind === 'token' ? ctx.actor.tokenId : null,
        actor_label: actorLabel(ctx.actor),
        account_id: entry.accountId,
        partner_account_id: entry.partnerAccountId ?? null,
        action: entry.action,
        target_type: entry.targetType ?? null,
        target_id: entry.targetId ?? null,
        data: entry.data ? JSON.stringify(entry.data) : null,
        ip: ctx.ip,
      })),
    );
  }

  async list(db: Db, filter: Omit<AuditFilter, 'limit'> & { limit: number }): Promise<{ items: AuditRecord[]; nextCursor: string | null }> {
    const rows = await auditRepository.list(db, { ...filter, limit: filter.limit + 1 });
    return pageOf(rows.map(toAuditRecord), filter.limit, (r) => r.id);
  }
}

export function toAuditRecord(row: AuditLogTable): AuditRecord {
  return {
    id: row.id,
    at: row.at,
    actorUserId: row.actor_user_id,
    actorTokenId: row.actor_token_id,
    actorEmail: row.actor_label,
    accountId: row.account_id,
    partnerAccountId: row.partner_account_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    data: row.data ? (JSON.parse(row.data) as Record<string, unknown>) : null,
  };
}
