import type { Db } from '../../db/database.js';
import { insertHeld } from '../../db/held-inserts.js';
import type { AuditLogTable } from './audit.table.js';

export interface AuditFilter {
  actor?: string | undefined;
  accountId?: string | undefined;
  action?: string | undefined;
  targetId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Newest first: the page after this id. */
  before?: string | undefined;
  limit: number;
}

export const auditRepository = {
  /** Inside a transaction, written with the transaction's other entries just before it commits. */
  insert(db: Db, rows: AuditLogTable | AuditLogTable[]): Promise<void> {
    return insertHeld(db, 'audit_log', Array.isArray(rows) ? rows : [rows]);
  },

  /** Newest first; the caller passes `limit + 1` to learn whether a next page exists. */
  async list(db: Db, f: AuditFilter): Promise<AuditLogTable[]> {
    let q = db.selectFrom('audit_log').selectAll();
    if (f.actor) q = q.where((eb) => eb.or([eb('actor_user_id', '=', f.actor!), eb('actor_label', '=', f.actor!)]));
    if (f.accountId) q = q.where('account_id', '=', f.accountId);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.targetId) q = q.where('target_id', '=', f.targetId);
    if (f.from) q = q.where('at', '>=', f.from);
    if (f.to) q = q.where('at', '<', f.to);
    if (f.before) q = q.where('id', '<', f.before);
    return q.orderBy('id', 'desc').limit(f.limit).execute();
  },
};
