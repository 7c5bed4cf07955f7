import { sql } from 'kysely';
import type { Db, Dialect } from '../../db/database.js';
import type { RemindersTable } from './reminders.table.js';

/** A contract needs the planner when never planned and near its end, or when its planned day came. */
export interface DueWindow {
  today: string;
  /** Unplanned contracts are looked at when they end within [from, to]. */
  from: string;
  to: string;
}

export type DueGroup = 'unplanned' | 'planned';

/** `next_reminder_on` when a contract's plan has nothing more: sorts after every real date. */
export const NO_MORE_REMINDERS = '9999-12-31';

/**
 * The reminder pass's SQL. Each candidate query reads one index: unplanned contracts within the
 * end-date window (the partial index of contracts waiting to be planned), and planned ones whose
 * day has come ((next_reminder_on, ends_at, id)). A contract with nothing due is never read, so
 * the pass costs what is due, not what is stored.
 */
export const reminderPassRepository = {
  async dueContracts(db: Db, group: DueGroup, w: DueWindow, after: [string, string] | undefined, limit: number) {
    let q = db.selectFrom('maintenance_contracts').select(['id', 'ends_at', 'next_reminder_on']);
    if (group === 'unplanned') {
      q = q.where('next_reminder_on', 'is', null).where('ends_at', '>=', w.from).where('ends_at', '<=', w.to);
      if (after) q = q.where((eb) => eb(eb.refTuple('ends_at', 'id'), '>', eb.tuple(after[0], after[1])));
      return (await q.orderBy('ends_at').orderBy('id').limit(limit).execute()).map((r) => ({ id: r.id, key: [r.ends_at, r.id] as [string, string] }));
    }
    q = q.where('next_reminder_on', '<=', w.today);
    if (after) q = q.where((eb) => eb(eb.refTuple('next_reminder_on', 'id'), '>', eb.tuple(after[0], after[1])));
    return (await q.orderBy('next_reminder_on').orderBy('id').limit(limit).execute()).map((r) => ({ id: r.id, key: [r.next_reminder_on!, r.id] as [string, string] }));
  },

  /**
   * Inside the batch's transaction: the candidates that are still due, read again. On PostgreSQL
   * the rows are locked and rows another worker holds are skipped, so workers share the work
   * instead of waiting on each other; SQLite's write transaction is exclusive already.
   */
  lockStillDue(tx: Db, dialect: Dialect, ids: string[], w: DueWindow) {
    let q = tx
      .selectFrom('maintenance_contracts as c')
      .innerJoin('products as p', 'p.id', 'c.product_id')
      .innerJoin('accounts as a', 'a.id', 'c.account_id')
      .leftJoin('entitlements as e', 'e.id', 'c.entitlement_id')
      .select([
        'c.id',
        'c.account_id',
        'c.serial_number',
        'c.ends_at',
        'c.renewed_by_id',
        'c.registration_id',
        'p.name as product_name',
        'p.sku',
        'a.name as account_name',
        'e.serial_number as entitlement_serial_number',
        'e.registration_id as entitlement_registration_id',
      ])
      .where('c.id', 'in', ids)
      .where((eb) =>
        eb.or([
          eb.and([eb('c.next_reminder_on', 'is', null), eb('c.ends_at', '>=', w.from), eb('c.ends_at', '<=', w.to)]),
          eb('c.next_reminder_on', '<=', w.today),
        ]),
      )
      .orderBy('c.id');
    if (dialect === 'postgres') q = q.forUpdate(['c']).skipLocked();
    return q.execute();
  },

  /**
   * Records reminders; a reminder that exists already (same contract, stage and end date) is left
   * alone. Answers the rows written, which are the only ones whose messages may be queued.
   */
  async insertReminders(tx: Db, rows: RemindersTable[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const written = await tx
      .insertInto('reminders')
      .values(rows)
      .onConflict((oc) => oc.columns(['contract_id', 'stage', 'ends_at']).doNothing())
      .returning('id')
      .execute();
    return new Set(written.map((r) => r.id));
  },

  /** Sets each contract's next planner day, in one statement; the rows are the batch's, held by its transaction. */
  async setNextReminders(tx: Db, plans: { id: string; nextOn: string }[]): Promise<void> {
    if (plans.length === 0) return;
    // VALUES names its columns column1, column2 on both SQLite and PostgreSQL.
    const values = sql.join(plans.map((p) => sql`(${p.id}, ${p.nextOn})`));
    await sql`update maintenance_contracts set next_reminder_on = v.column2 from (values ${values}) as v where maintenance_contracts.id = v.column1`.execute(tx);
  },
};
