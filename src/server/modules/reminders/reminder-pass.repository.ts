import { sql } from 'kysely';
import type { Db, Dialect } from '../../db/database.js';
import { compiledInsert } from '../../db/compiled-once.js';
import { rowChunks } from '../../db/row-chunks.js';
import type { RemindersTable } from './reminders.table.js';

/** A contract needs the planner when never planned and near its end, or when its planned day came. */
export interface DueWindow {
  today: string;
  /** Unplanned contracts are looked at when they end within [from, to]. */
  from: string;
  to: string;
}

export type DueGroup = 'unplanned' | 'planned';

/** Where a group's walk stands: the index key of the last contract read. */
export type DueCursor = [string, string];

/** `next_reminder_on` when a contract's plan has nothing more: sorts after every real date. */
export const NO_MORE_REMINDERS = '9999-12-31';

/**
 * SQLite: WAL pages a pass lets pile up before a checkpoint copies them into the database (the
 * connection's default is 1,000, so every batch's commit checkpointed). A batch writes pages all
 * over the contracts table and the reminders' indexes, and the next batches write many of them
 * again: checkpointed every few batches, such a page is copied into the database once instead of
 * once per batch. 16,384 pages is a WAL of 64 MiB at most.
 */
const PASS_CHECKPOINT_PAGES = 16_384;

const insertReminders = compiledInsert('reminders', (q) => q.onConflict((oc) => oc.columns(['contract_id', 'stage', 'ends_at']).doNothing()).returning('id'));

function contractFacts(tx: Db, dialect: Dialect) {
  return tx
    .selectFrom('maintenance_contracts as c')
    .innerJoin('products as p', 'p.id', 'c.product_id')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .leftJoin('entitlements as e', 'e.id', 'c.entitlement_id')
    .select([
      'c.id',
      'c.account_id',
      'c.serial_number',
      'c.ends_at',
      'c.next_reminder_on',
      'c.renewed_by_id',
      'c.registration_id',
      'p.name as product_name',
      'p.sku',
      'a.name as account_name',
      'e.serial_number as entitlement_serial_number',
      'e.registration_id as entitlement_registration_id',
      // SQLite: the row's own key (stable while the batch's transaction holds the write lock), so
      // the batch's update goes straight to the row instead of through the index of ids first.
      (dialect === 'sqlite' ? sql<number | null>`c.rowid` : sql<number | null>`null`).as('row_id'),
    ]);
}

export type DueContract = Awaited<ReturnType<ReturnType<typeof contractFacts>['execute']>>[number];

/** A contract's next planner day; `rowId` is the read's `row_id`. */
export interface ContractPlan {
  id: string;
  rowId: number | null;
  nextOn: string;
}

/** The cursor after `c` in its group's index order. */
export const cursorOf = (group: DueGroup, c: DueContract): DueCursor => [group === 'unplanned' ? c.ends_at : c.next_reminder_on!, c.id];

/** What a pass does with due contracts another pass holds locked (PostgreSQL): leave them to it, or wait. */
export type LockedRows = 'skip' | 'wait';

/**
 * The reminder pass's SQL. Each group is read through one index, in its order: unplanned
 * contracts within the end-date window (the partial index of contracts waiting to be planned),
 * and planned ones whose day has come ((next_reminder_on, ends_at, id)). A contract with nothing
 * due is never read, so the pass costs what is due, not what is stored.
 */
export const reminderPassRepository = {
  /**
   * Inside the batch's transaction: the next `limit` due contracts of the group after `after`,
   * with what their reminders say. On PostgreSQL the rows are locked and rows another worker holds
   * are skipped, so workers share the work instead of waiting on each other (the database checks
   * the condition again on the locked row, so a contract another worker just planned is left out);
   * with `others: 'wait'` they are waited for instead. SQLite's write transaction is exclusive already.
   */
  dueBatch(tx: Db, dialect: Dialect, group: DueGroup, w: DueWindow, after: DueCursor | undefined, limit: number, others: LockedRows = 'skip'): Promise<DueContract[]> {
    let q = contractFacts(tx, dialect);
    if (group === 'unplanned') {
      q = q.where('c.next_reminder_on', 'is', null).where('c.ends_at', '<=', w.to);
      // After a cursor (a contract of this window) the window's start is implied; left in, it would be
      // the bound PostgreSQL starts the index scan from, walking again past every entry already planned.
      if (after) q = q.where((eb) => eb(eb.refTuple('c.ends_at', 'c.id'), '>', eb.tuple(after[0], after[1])));
      else q = q.where('c.ends_at', '>=', w.from);
      q = q.orderBy('c.ends_at').orderBy('c.id');
    } else {
      q = q.where('c.next_reminder_on', '<=', w.today);
      if (after) q = q.where((eb) => eb(eb.refTuple('c.next_reminder_on', 'c.id'), '>', eb.tuple(after[0], after[1])));
      q = q.orderBy('c.next_reminder_on').orderBy('c.id');
    }
    q = q.limit(limit);
    return lockedAs(q, dialect, others).execute();
  },

  /** One contract again, locked as `dueBatch` locks, if it is still due: a failed batch is redone contract by contract. */
  lockStillDue(tx: Db, dialect: Dialect, id: string, w: DueWindow, others: LockedRows = 'skip'): Promise<DueContract[]> {
    const q = contractFacts(tx, dialect)
      .where('c.id', '=', id)
      .where((eb) =>
        eb.or([
          eb.and([eb('c.next_reminder_on', 'is', null), eb('c.ends_at', '>=', w.from), eb('c.ends_at', '<=', w.to)]),
          eb('c.next_reminder_on', '<=', w.today),
        ]),
      );
    return lockedAs(q, dialect, others).execute();
  },

  /**
   * Records reminders, many per statement; a reminder that exists already (same contract, stage
   * and end date) is left alone. Answers the rows written, the only ones whose messages may be queued.
   */
  async insertReminders(tx: Db, rows: RemindersTable[]): Promise<Set<string>> {
    const written = new Set<string>();
    for (const chunk of rowChunks(rows, 12)) {
      for (const r of (await insertReminders(tx, chunk)).rows) written.add(r.id);
    }
    return written;
  },

  /**
   * For the length of a pass (SQLite): checkpoint only after PASS_CHECKPOINT_PAGES of WAL; answers
   * what puts the connection's own setting back. Durability is the commit's, not the checkpoint's.
   */
  async deferCheckpoints(db: Db, dialect: Dialect): Promise<() => Promise<void>> {
    if (dialect !== 'sqlite') return async () => {};
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db);
    const before = Number(rows[0]?.wal_autocheckpoint ?? 1000);
    await sql.raw(`pragma wal_autocheckpoint = ${PASS_CHECKPOINT_PAGES}`).execute(db);
    return async () => {
      await sql.raw(`pragma wal_autocheckpoint = ${before}`).execute(db);
    };
  },

  /**
   * Sets each contract's next planner day, many per statement; the rows are the batch's, held by its
   * transaction. Found by their row keys where the read answered them (SQLite), else by their ids.
   */
  async setNextReminders(tx: Db, plans: ContractPlan[]): Promise<void> {
    const byRow = plans.every((p) => p.rowId !== null);
    const key = sql.ref(byRow ? 'maintenance_contracts.rowid' : 'maintenance_contracts.id');
    for (const chunk of rowChunks(plans, 2)) {
      // VALUES names its columns column1, column2 on both SQLite and PostgreSQL.
      const values = sql.join(chunk.map((p) => sql`(${byRow ? p.rowId : p.id}, ${p.nextOn})`));
      await sql`update maintenance_contracts set next_reminder_on = v.column2 from (values ${values}) as v where ${key} = v.column1`.execute(tx);
    }
  },
};

/** PostgreSQL locks the contracts read, skipping or waiting for those another pass holds; SQLite's write transaction is exclusive already. */
function lockedAs<Q extends ReturnType<typeof contractFacts>>(q: Q, dialect: Dialect, others: LockedRows): Q {
  if (dialect !== 'postgres') return q;
  const locked = q.forUpdate(['c']);
  return (others === 'skip' ? locked.skipLocked() : locked) as Q;
}
