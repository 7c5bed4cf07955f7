import { sql } from 'kysely';
import type { Db, Dialect } from '../../db/database.js';
import { compiledInsert } from '../../db/compiled-once.js';
import { sqliteIndexedBy } from '../../db/indexed-by.js';
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
 * SQLite connection settings for the length of a pass; the connection's own (those it was opened
 * with, read when the first pass starts) come back when no pass is under way.
 * - wal_autocheckpoint: WAL pages a pass lets pile up before a checkpoint copies them into the
 *   database. At the default (1,000) every batch's commit checkpointed; a batch writes pages all
 *   over the reminders' indexes and the next batches write many of them again, so checkpointed
 *   every few batches such a page is copied once instead of once per batch. 16,384 pages is a WAL
 *   of 64 MiB at most.
 * - temp_store: the statement journals of the batch's multi-row statements (the pages a statement
 *   changed, kept until it ends so a failing one can be undone alone) stay in memory. Left to
 *   temporary files, they were a million writes to them in the 1,000,000-contract pass.
 * - cache_size: 32 MiB, so the pages of the reminders' indexes and the contracts a batch reads stay
 *   cached from one batch to the next instead of being read again, while a pass over a million
 *   contracts, which reads pages all over them, holds no more than that (SQLITE_CACHE_MB may be
 *   more: it is sized for the pages read again and again, not once per pass).
 */
const PASS_SETTINGS: [pragma: string, pass: string | number][] = [
  ['wal_autocheckpoint', 16_384],
  ['temp_store', 'memory'],
  ['cache_size', -32_768],
];

/** Passes under way per SQLite connection: the settings go back when the last one ends. */
const passesUnderway = new WeakMap<Db, number>();
/** The connection's own values of PASS_SETTINGS while a pass is under way. */
const ownSettings = new WeakMap<Db, (string | number)[]>();

const insertReminders = compiledInsert('reminders', (q) => q.onConflict((oc) => oc.columns(['contract_id', 'stage', 'ends_at']).doNothing()).returning('id'));

function contractFacts(tx: Db) {
  return tx
    .selectFrom('reminder_plans as pl')
    .innerJoin('maintenance_contracts as c', 'c.id', 'pl.contract_id')
    .innerJoin('products as p', 'p.id', 'c.product_id')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .leftJoin('entitlements as e', 'e.id', 'c.entitlement_id')
    .select([
      'c.id',
      'c.account_id',
      'c.serial_number',
      'c.ends_at',
      // The plan's key, where the batch's update finds it.
      'pl.ends_at as plan_ends_at',
      'pl.next_reminder_on',
      'c.renewed_by_id',
      'c.registration_id',
      'p.name as product_name',
      'p.sku',
      'a.name as account_name',
      'e.serial_number as entitlement_serial_number',
      'e.registration_id as entitlement_registration_id',
    ]);
}

export type DueContract = Awaited<ReturnType<ReturnType<typeof contractFacts>['execute']>>[number];

/** A contract's next planner day; `endsAt` is its plan's `plan_ends_at`. */
export interface ContractPlan {
  id: string;
  endsAt: string;
  nextOn: string;
}

/** The cursor after `c` in its group's index order. */
export const cursorOf = (group: DueGroup, c: DueContract): DueCursor => [group === 'unplanned' ? c.plan_ends_at : c.next_reminder_on!, c.id];

/** What a pass does with due contracts another pass holds locked (PostgreSQL): leave them to it, or wait. */
export type LockedRows = 'skip' | 'wait';

/**
 * The reminder pass's SQL. Each group is read through one index, in its order: unplanned
 * contracts within the end-date window (the partial index of plans waiting to be planned), and
 * planned ones whose day has come ((next_reminder_on, contract_id)). A contract with nothing
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
    let q = contractFacts(tx);
    if (group === 'unplanned') {
      q = q.where('pl.next_reminder_on', 'is', null).where('pl.ends_at', '<=', w.to);
      // After a cursor (a contract of this window) the window's start is implied; left in, it would be
      // the bound PostgreSQL starts the index scan from, walking again past every entry already planned.
      if (after) q = q.where((eb) => eb(eb.refTuple('pl.ends_at', 'pl.contract_id'), '>', eb.tuple(after[0], after[1])));
      else q = q.where('pl.ends_at', '>=', w.from);
      q = q.orderBy('pl.ends_at').orderBy('pl.contract_id');
    } else {
      q = q.where('pl.next_reminder_on', '<=', w.today);
      if (after) q = q.where((eb) => eb(eb.refTuple('pl.next_reminder_on', 'pl.contract_id'), '>', eb.tuple(after[0], after[1])));
      q = q.orderBy('pl.next_reminder_on').orderBy('pl.contract_id');
    }
    q = q.limit(limit);
    // SQLite reads unplanned plans through their partial index: without fresh statistics it walks
    // the primary key through every plan of the window instead, planned or not (8 ms for a look
    // that finds nothing at 1,000,000 contracts, against 0.02 ms through the index).
    if (dialect === 'sqlite' && group === 'unplanned') {
      return tx.executeQuery(sqliteIndexedBy(q.compile(), 'from "reminder_plans" as "pl"', 'reminder_plans_unplanned')).then((r) => r.rows);
    }
    return lockedAs(q, dialect, others).execute();
  },

  /** One contract again, locked as `dueBatch` locks, if it is still due: a failed batch is redone contract by contract. */
  lockStillDue(tx: Db, dialect: Dialect, id: string, w: DueWindow, others: LockedRows = 'skip'): Promise<DueContract[]> {
    const q = contractFacts(tx)
      .where('pl.contract_id', '=', id)
      .where((eb) =>
        eb.or([
          eb.and([eb('pl.next_reminder_on', 'is', null), eb('pl.ends_at', '>=', w.from), eb('pl.ends_at', '<=', w.to)]),
          eb('pl.next_reminder_on', '<=', w.today),
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
   * For the length of a pass (SQLite): PASS_SETTINGS; answers what puts the connection's own back
   * once no pass is under way. They are about speed only: one SQLite refuses at the moment
   * (temp_store, while another statement holds temporary storage) is left as it is.
   */
  async passSettings(db: Db, dialect: Dialect): Promise<() => Promise<void>> {
    if (dialect !== 'sqlite') return async () => {};
    const apply = async (values: (string | number)[]) => {
      for (const [i, [pragma]] of PASS_SETTINGS.entries()) await sql.raw(`pragma ${pragma} = ${values[i]}`).execute(db).catch(() => undefined);
    };
    const underway = passesUnderway.get(db) ?? 0;
    passesUnderway.set(db, underway + 1);
    if (underway === 0) {
      const own: (string | number)[] = [];
      for (const [pragma] of PASS_SETTINGS) {
        const { rows } = await sql.raw<Record<string, string | number>>(`pragma ${pragma}`).execute(db);
        own.push(rows[0]![pragma]!);
      }
      ownSettings.set(db, own);
      await apply(PASS_SETTINGS.map(([, pass]) => pass));
    }
    return async () => {
      const left = passesUnderway.get(db)! - 1;
      passesUnderway.set(db, left);
      if (left === 0) await apply(ownSettings.get(db)!);
    };
  },

  /**
   * Sets each contract's next planner day, many per statement; the plans are the batch's, held by
   * its transaction, and found by their primary key: neighbours on disk, since a batch is read in
   * the plans' order.
   */
  async setNextReminders(tx: Db, plans: ContractPlan[]): Promise<void> {
    for (const chunk of rowChunks(plans, 3)) {
      // VALUES names its columns column1, column2… on both SQLite and PostgreSQL.
      const values = sql.join(chunk.map((p) => sql`(${p.endsAt}, ${p.id}, ${p.nextOn})`));
      await sql`update reminder_plans set next_reminder_on = v.column3 from (values ${values}) as v where reminder_plans.ends_at = v.column1 and reminder_plans.contract_id = v.column2`.execute(tx);
    }
  },
};

/** PostgreSQL locks the plans read, skipping or waiting for those another pass holds; SQLite's write transaction is exclusive already. */
function lockedAs<Q extends ReturnType<typeof contractFacts>>(q: Q, dialect: Dialect, others: LockedRows): Q {
  if (dialect !== 'postgres') return q;
  const locked = q.forUpdate(['pl']);
  return (others === 'skip' ? locked.skipLocked() : locked) as Q;
}
