import { fixedQuery } from './compiled-once.js';
import type { Store } from './store.js';
import type { Db } from './database.js';
import { dropHeld, dropHeldSince, heldMark, holdInserts, writeHeld } from './held-inserts.js';

export type TransactionRunner = <T>(work: (tx: Db) => Promise<T>) => Promise<T>;

interface Pending {
  work: (tx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit for SQLite, for hot write paths (Get a Key issues a license per request).
 *
 * With `synchronous=FULL` every COMMIT waits for the disk, and better-sqlite3 waits on the one
 * thread that serves every request: one fsync per request caps a busy path at the disk's fsync
 * rate. Here the transactions that arrive while one group is being written share the next
 * `BEGIN IMMEDIATE … COMMIT`, and every unit resolves only once that COMMIT has returned, so an
 * acknowledged change is as durable as before. Units run one after another on the one
 * connection, exactly as separate transactions would.
 *
 * A unit that throws before writing anything (a refused request) just rejects; the group goes on.
 * One that throws after writing cannot be undone alone without a SAVEPOINT per unit, which costs
 * a journal of its own on every unit; instead the whole group is rolled back and each of its units
 * runs again in a transaction of its own. That is rare, and nothing of a unit was acknowledged.
 * The audit entries, mail and deliveries of all units are written together before the COMMIT
 * (db/held-inserts.ts); those of a refused unit are dropped.
 *
 * A unit must do all its database work through the `tx` it receives (it must not open another
 * transaction), and may run twice. On PostgreSQL, where each transaction has a connection of its
 * own and commits in parallel, this is the store's ordinary transaction.
 */
export function groupCommit(store: Store, maxGroup = 128): TransactionRunner {
  if (store.dialect !== 'sqlite') return (work) => store.transaction(work);
  const queue: Pending[] = [];
  let draining = false;

  async function drain(): Promise<void> {
    draining = true;
    try {
      // Yield once first: requests read in this turn of the event loop join the same group.
      for (await nextTurn(); queue.length > 0; await nextTurn()) await runGroup(queue.splice(0, maxGroup));
    } finally {
      draining = false;
    }
  }

  async function runGroup(group: Pending[]): Promise<void> {
    let outcomes: Outcome[] | 'run-apart';
    try {
      outcomes = await store.db.connection().execute((conn) => runTogether(conn, group));
    } catch (error) {
      for (const unit of group) unit.reject(error);
      return;
    }
    if (outcomes === 'run-apart') {
      for (const unit of group) await store.transaction(unit.work).then(unit.resolve, unit.reject);
      return;
    }
    group.forEach((unit, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) unit.resolve(outcome.value);
      else unit.reject(outcome.error);
    });
  }

  return <T>(work: (tx: Db) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!draining) void drain();
    });
}

/** One transaction for the group; 'run-apart' when a unit failed after writing (all rolled back). */
async function runTogether(conn: Db, group: Pending[]): Promise<Outcome[] | 'run-apart'> {
  await begin(conn);
  holdInserts(conn);
  try {
    const outcomes: Outcome[] = [];
    let changes = await totalChanges(conn);
    for (const unit of group) {
      const mark = heldMark(conn);
      try {
        outcomes.push({ ok: true, value: await unit.work(conn) });
        changes = await totalChanges(conn);
      } catch (error) {
        if ((await totalChanges(conn)) !== changes) {
          await rollback(conn);
          return 'run-apart';
        }
        dropHeldSince(conn, mark);
        outcomes.push({ ok: false, error });
      }
    }
    try {
      await writeHeld(conn);
    } catch {
      // A held row refused (it should never be): find the unit it belongs to by running them apart.
      await rollback(conn);
      return 'run-apart';
    }
    await commit(conn);
    return outcomes;
  } catch (error) {
    await rollback(conn).catch(() => {});
    throw error;
  } finally {
    dropHeld(conn);
  }
}

/** Rows changed on this connection so far: tells whether a failed unit wrote anything. */
async function totalChanges(conn: Db): Promise<number> {
  const { rows } = await selectTotalChanges(conn);
  return Number(rows[0]!.n);
}

const begin = fixedQuery('BEGIN IMMEDIATE');
const commit = fixedQuery('COMMIT');
const rollback = fixedQuery('ROLLBACK');
const selectTotalChanges = fixedQuery<{ n: number }>('select total_changes() as n');

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
