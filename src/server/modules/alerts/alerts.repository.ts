import type { Db } from '../../db/database.js';
import { compiledInsert } from '../../db/compiled-once.js';
import { rowChunks } from '../../db/row-chunks.js';
import type { AlertsTable } from './alerts.table.js';

const insertAlerts = compiledInsert('alerts');

export const alertsRepository = {
  async insertMany(tx: Db, rows: AlertsTable[]): Promise<void> {
    for (const chunk of rowChunks(rows, 10)) await insertAlerts(tx, chunk);
  },

  list(db: Db, accountId: string, opts: { unread?: boolean | undefined; before?: string | undefined; limit: number }) {
    let q = db.selectFrom('alerts').selectAll().where('account_id', '=', accountId);
    if (opts.unread === true) q = q.where('read_at', 'is', null);
    if (opts.unread === false) q = q.where('read_at', 'is not', null);
    if (opts.before) q = q.where('id', '<', opts.before);
    return q.orderBy('id', 'desc').limit(opts.limit).execute();
  },

  async unreadCount(db: Db, accountId: string): Promise<number> {
    const row = await db
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  find(db: Db, accountId: string, id: string) {
    return db.selectFrom('alerts').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  },

  /** Marks unread alerts read (one, or all of the account); answers how many changed. */
  async markRead(tx: Db, accountId: string, at: string, id?: string): Promise<number> {
    let q = tx.updateTable('alerts').set({ read_at: at }).where('account_id', '=', accountId).where('read_at', 'is', null);
    if (id) q = q.where('id', '=', id);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
};
