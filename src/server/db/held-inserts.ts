import { compiledInsert } from './compiled-once.js';
import type { Db } from './database.js';
import { rowChunks } from './row-chunks.js';
import type { Database } from './schema.js';

/**
 * Append-only rows that a change writes and that nothing reads back before it commits: audit
 * entries, outbox mail, license deliveries. Inside a transaction (db/transaction.ts, and every unit
 * of a group commit) they are held and written just before COMMIT as one multi-row INSERT per
 * table, instead of one statement each: a group of a hundred Get a Key requests writes its three
 * hundred audit entries in one statement. They land in the same transaction as the change, so a
 * rolled-back change leaves none of them. Outside a transaction they are written at once.
 */
export type HeldTable = 'audit_log' | 'outbox' | 'deliveries';

/** The order of writing: a delivery names its outbox message. */
const TABLES: readonly HeldTable[] = ['audit_log', 'outbox', 'deliveries'];

type Held = { [T in HeldTable]: Database[T][] };

/** Where rows stand at a moment; `dropHeldSince` forgets what came after it. */
export type HeldMark = Record<HeldTable, number>;

const heldOf = new WeakMap<Db, Held>();

const inserts = { audit_log: compiledInsert('audit_log'), outbox: compiledInsert('outbox'), deliveries: compiledInsert('deliveries') };

export async function insertHeld<T extends HeldTable>(db: Db, table: T, rows: Database[T][]): Promise<void> {
  const held = heldOf.get(db);
  if (!held) return writeRows(db, table, rows);
  const list = held[table];
  for (const row of rows) list.push(row);
}

/** From now on, `tx` holds its rows until `writeHeld`. */
export function holdInserts(tx: Db): void {
  heldOf.set(tx, { audit_log: [], outbox: [], deliveries: [] });
}

export function heldMark(tx: Db): HeldMark | undefined {
  const held = heldOf.get(tx);
  return held && { audit_log: held.audit_log.length, outbox: held.outbox.length, deliveries: held.deliveries.length };
}

/** Forgets the rows held after `mark`: the part of a group commit that failed. */
export function dropHeldSince(tx: Db, mark: HeldMark | undefined): void {
  const held = heldOf.get(tx);
  if (!held || !mark) return;
  for (const table of TABLES) held[table].length = mark[table];
}

/** Forgets every held row (the transaction rolls back). */
export function dropHeld(tx: Db): void {
  heldOf.delete(tx);
}

/** Writes the held rows, then writes go straight through again; call it before COMMIT. */
export async function writeHeld(tx: Db): Promise<void> {
  const held = heldOf.get(tx);
  if (!held) return;
  heldOf.delete(tx);
  for (const table of TABLES) await writeRows(tx, table, held[table]);
}

async function writeRows<T extends HeldTable>(db: Db, table: T, rows: Database[T][]): Promise<void> {
  if (rows.length === 0) return;
  // The insert of one table narrows to its rows; TypeScript cannot follow that through the union.
  for (const chunk of rowChunks(rows, Object.keys(rows[0]!).length)) await inserts[table](db, chunk as never);
}
