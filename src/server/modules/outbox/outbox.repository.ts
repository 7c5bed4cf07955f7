import type { Db } from '../../db/database.js';
import { insertHeld } from '../../db/held-inserts.js';
import { compiledInsert } from '../../db/compiled-once.js';
import { rowChunks } from '../../db/row-chunks.js';
import type { OutboxTable } from './outbox.table.js';

const insertMessages = compiledInsert('outbox');

export const outboxRepository = {
  /** Inside a transaction, written with the transaction's other mail just before it commits. */
  insert(db: Db, row: OutboxTable): Promise<void> {
    return insertHeld(db, 'outbox', [row]);
  },

  /**
   * Many messages at once (a batch of reminders), in statements of a few fixed sizes: a statement
   * per batch size met would keep a large prepared statement in the cache for each.
   */
  async insertMany(db: Db, rows: OutboxTable[]): Promise<void> {
    for (const chunk of rowChunks(rows, 15)) await insertMessages(db, chunk);
  },

  async listDueIds(db: Db, now: string, limit: number): Promise<string[]> {
    const rows = await db
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  },

  /**
   * Claims one message for `until`. The condition is re-checked by the database on the row
   * itself, so of two workers racing for it exactly one gets `true`.
   */
  async claim(db: Db, id: string, now: string, until: string): Promise<OutboxTable | undefined> {
    const result = await db
      .updateTable('outbox')
      .set({ locked_until: until })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async markSent(db: Db, id: string, at: string): Promise<void> {
    await db
      .updateTable('outbox')
      .set((eb) => ({ status: 'sent', sent_at: at, locked_until: null, last_error: null, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .execute();
  },

  async markAttemptFailed(db: Db, id: string, error: string, nextAttemptAt: string | null): Promise<void> {
    await db
      .updateTable('outbox')
      .set((eb) => ({
        status: nextAttemptAt ? 'queued' : 'failed',
        next_attempt_at: nextAttemptAt ?? undefined,
        locked_until: null,
        last_error: error.slice(0, 500),
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
  },

  async list(db: Db, opts: { before?: string | undefined; limit: number; accountId?: string | undefined; to?: string | undefined }) {
    let q = db.selectFrom('outbox').selectAll();
    if (opts.before) q = q.where('id', '<', opts.before);
    if (opts.accountId) q = q.where('account_id', '=', opts.accountId);
    if (opts.to) q = q.where('to_address', '=', opts.to);
    return q.orderBy('id', 'desc').limit(opts.limit).execute();
  },
};
