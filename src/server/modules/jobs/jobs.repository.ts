import type { Db } from '../../db/database.js';
import type { JobsTable } from './jobs.table.js';

export const jobsRepository = {
  /** Inserts the job; with a `unique_key` already present, does nothing and returns false. */
  async insert(db: Db, row: JobsTable): Promise<boolean> {
    const result = await db
      .insertInto('jobs')
      .values(row)
      .onConflict((oc) => oc.column('unique_key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  async listDueIds(db: Db, now: string, limit: number): Promise<string[]> {
    const rows = await db
      .selectFrom('jobs')
      .select('id')
      .where('status', '=', 'queued')
      .where('run_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .orderBy('run_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  },

  /** A lease on one job; the database re-checks the condition on the row, so one claimer wins. */
  async claim(db: Db, id: string, workerId: string, now: string, until: string): Promise<JobsTable | undefined> {
    const result = await db
      .updateTable('jobs')
      .set((eb) => ({ locked_by: workerId, locked_until: until, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return undefined;
    return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async finish(db: Db, id: string, workerId: string, at: string): Promise<void> {
    await db
      .updateTable('jobs')
      .set({ status: 'done', finished_at: at, locked_by: null, locked_until: null, last_error: null })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .execute();
  },

  async fail(db: Db, id: string, workerId: string, error: string, retryAt: string | null, at: string): Promise<void> {
    await db
      .updateTable('jobs')
      .set({
        status: retryAt ? 'queued' : 'failed',
        run_at: retryAt ?? undefined,
        finished_at: retryAt ? null : at,
        locked_by: null,
        locked_until: null,
        last_error: error.slice(0, 500),
      })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .execute();
  },

  /** Gives back every claim of a worker that is shutting down, so another takes them at once. */
  async release(db: Db, workerId: string): Promise<void> {
    await db
      .updateTable('jobs')
      .set((eb) => ({ locked_by: null, locked_until: null, attempts: eb('attempts', '-', 1) }))
      .where('locked_by', '=', workerId)
      .where('status', '=', 'queued')
      .execute();
  },
};
