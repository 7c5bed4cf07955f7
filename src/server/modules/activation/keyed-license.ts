import type SqliteDatabase from 'better-sqlite3';
import { sql, SqliteAdapter, type CompiledQuery } from 'kysely';
import type pg from 'pg';
import type { Db } from '../../db/database.js';
import { sqliteIndexedBy } from '../../db/indexed-by.js';
import { idleSqlite, postgresPool, preparedStatement } from '../../db/native-connection.js';
import { knownProductFacts, productFacts, type ProductFacts } from '../catalog/product-facts.js';
import type { LicensesTable } from '../licenses/licenses.table.js';

/** A license as validation and activation read it: one row by the unique key, with its product. */
export interface KeyedLicense
  extends Pick<LicensesTable, 'id' | 'account_id' | 'status' | 'quantity' | 'features' | 'host_id' | 'not_before' | 'expires_at' | 'maintenance_ends_at'>,
    Pick<ProductFacts, 'sku' | 'version' | 'unit'> {
  product_name: string;
  /** Set when a host was asked about and it holds an activation of this license. */
  activation_id: string | null;
}

/** A license key asked about (in its canonical form), and the host named with it, if any. */
export interface KeyQuestion {
  licenseKey: string;
  hostId: string | undefined;
}

/**
 * The columns read, in this order: every lookup returns rows as arrays of them (`KeyedRow`), so
 * no row object is built by the driver only to be copied into a `KeyedLicense`.
 */
const keyedColumns = [
  'licenses.id',
  'licenses.account_id',
  'licenses.status',
  'licenses.quantity',
  'licenses.features',
  'licenses.host_id',
  'licenses.not_before',
  'licenses.expires_at',
  'licenses.maintenance_ends_at',
  'licenses.product_id',
] as const;

type KeyedRow = [
  id: string,
  accountId: string,
  status: LicensesTable['status'],
  quantity: number,
  features: string,
  hostId: string | null,
  notBefore: string,
  expiresAt: string | null,
  maintenanceEndsAt: string | null,
  productId: string,
  activationId: string | null,
];

/** Stand-ins bound when a lookup is compiled, replaced by the caller's values on each run. */
const KEY = '\u0000license-key';
const HOST = '\u0000host-id';

/** A lookup compiled once, with where the caller's values go among its parameters. */
interface Lookup {
  compiled: CompiledQuery;
  keyAt: number;
  hostAt: number;
}

interface Lookups {
  byKey: Lookup;
  byKeyAndHost: Lookup;
  /** PostgreSQL: every question of a batch in one statement. */
  batch: CompiledQuery;
}

/**
 * SQLite is told to read licenses_validation (migration 0620), which holds every column read
 * here: left to itself it takes the unique key index, and the row read after it costs more than
 * the whole probe of the wider index.
 */
function lookupOf(db: Db, query: CompiledQuery): Lookup {
  const compiled = db.getExecutor().adapter instanceof SqliteAdapter ? sqliteIndexedBy(query, 'from "licenses"', 'licenses_validation') : query;
  return { compiled, keyAt: compiled.parameters.indexOf(KEY), hostAt: compiled.parameters.indexOf(HOST) };
}

/**
 * A value compared as `cast(? as text)`, not as a bare parameter. With a bare one, SQLite's planner
 * reads its index samples (sqlite_stat4, which ANALYZE writes) for the value bound, and so
 * prepares the statement again whenever a new value is bound: on every call. The cast keeps the
 * index lookup and hides the value from the planner; at 1,000,000 licenses the read went from
 * 26.5 to 16 µs. The column is text, so the comparison is the same.
 */
const asText = (standIn: string) => sql<string>`cast(${standIn} as text)`;

function compileLookups(db: Db): Lookups {
  const base = db.selectFrom('licenses').where('licenses.license_key', '=', asText(KEY));
  // A subquery, not a LEFT JOIN: for the join SQLite builds a filter over the activations table
  // on every run, which more than doubled the lookup's cost (measured at 1,000,000 licenses).
  const activationOf = (host: unknown) => sql<string | null>`(select "activations"."id" from "activations" where "activations"."license_id" = "licenses"."id" and "activations"."host_id" = ${host})`;
  const columns = sql.join(keyedColumns.map((column) => sql.ref(column)));
  return {
    byKey: lookupOf(db, base.select(keyedColumns).select(sql<null>`null`.as('activation_id')).compile()),
    byKeyAndHost: lookupOf(db, base.select(keyedColumns).select(activationOf(asText(HOST)).as('activation_id')).compile()),
    // Bound to the keys ($1) and the hosts ($2) of the batch, in the order of the questions; each
    // answer row carries the position of its question (`n`, from 1). Unknown keys have no row.
    batch: sql`select ${columns}, ${activationOf(sql.ref('asked.host_id'))} as activation_id, asked.n
      from unnest(${sql.val([])}::text[], ${sql.val([])}::text[]) with ordinality as asked(license_key, host_id, n)
      join "licenses" on "licenses"."license_key" = asked.license_key`.compile(db),
  };
}

const compiledLookups = new WeakMap<Db, Lookups>();
function lookupsOf(db: Db): Lookups {
  let lookups = compiledLookups.get(db);
  if (!lookups) compiledLookups.set(db, (lookups = compileLookups(db)));
  return lookups;
}

function parametersOf(lookup: Lookup, question: KeyQuestion): unknown[] {
  const parameters = lookup.compiled.parameters.slice();
  parameters[lookup.keyAt] = question.licenseKey;
  if (lookup.hostAt >= 0) parameters[lookup.hostAt] = question.hostId;
  return parameters;
}

const lookupFor = (lookups: Lookups, question: KeyQuestion) => (question.hostId === undefined ? lookups.byKey : lookups.byKeyAndHost);

function sqliteRow(connection: SqliteDatabase.Database, lookups: Lookups, question: KeyQuestion): KeyedRow | undefined {
  const lookup = lookupFor(lookups, question);
  return preparedStatement(connection, lookup.compiled.sql, true).get(parametersOf(lookup, question)) as KeyedRow | undefined;
}

/** SQLite: every lookup of a batch under one read transaction, which takes the WAL's read lock once. */
const readTogether = new WeakMap<SqliteDatabase.Database, (lookups: Lookups, questions: KeyQuestion[]) => (KeyedRow | undefined)[]>();
function sqliteRows(connection: SqliteDatabase.Database, lookups: Lookups, questions: KeyQuestion[]): (KeyedRow | undefined)[] {
  if (questions.length === 1) return [sqliteRow(connection, lookups, questions[0]!)];
  let together = readTogether.get(connection);
  if (!together) {
    together = connection.transaction((batch: Lookups, asked: KeyQuestion[]) => asked.map((question) => sqliteRow(connection, batch, question)));
    readTogether.set(connection, together);
  }
  return together(lookups, questions);
}

/** PostgreSQL: one statement for the batch, prepared once per pooled connection. */
async function postgresRows(pool: pg.Pool, lookups: Lookups, questions: KeyQuestion[]): Promise<(KeyedRow | undefined)[]> {
  const keys = questions.map((question) => question.licenseKey);
  const hosts = questions.map((question) => question.hostId ?? null);
  const { rows } = await pool.query<[...KeyedRow, number]>({ name: 'licenses-by-key', text: lookups.batch.sql, values: [keys, hosts], rowMode: 'array' });
  const answers: (KeyedRow | undefined)[] = new Array<KeyedRow | undefined>(questions.length).fill(undefined);
  for (const row of rows) answers[Number(row.pop()) - 1] = row as unknown as KeyedRow;
  return answers;
}

/** Through Kysely, which waits while a transaction is open on the handle's connection. */
async function kyselyRows(db: Db, lookups: Lookups, questions: KeyQuestion[]): Promise<(KeyedRow | undefined)[]> {
  return Promise.all(
    questions.map(async (question) => {
      const lookup = lookupFor(lookups, question);
      const { rows } = await db.executeQuery({ ...lookup.compiled, parameters: parametersOf(lookup, question) });
      // Kysely's rows hold the columns in the order they are selected.
      return rows[0] === undefined ? undefined : (Object.values(rows[0] as object) as KeyedRow);
    }),
  );
}

function keyedLicense(row: KeyedRow, product: ProductFacts): KeyedLicense {
  return {
    id: row[0],
    account_id: row[1],
    status: row[2],
    quantity: row[3],
    features: row[4],
    host_id: row[5],
    not_before: row[6],
    expires_at: row[7],
    maintenance_ends_at: row[8],
    activation_id: row[10],
    sku: product.sku,
    product_name: product.name,
    version: product.version,
    unit: product.unit,
  };
}

/**
 * The hot path of validation and activation: licenses by their unique keys and, where a host is
 * named, that host's activation, each in one statement over two unique indexes; the products come
 * from memory (product-facts.ts). The statements are built once per database handle and run on
 * the driver's connection (native-connection.ts): building them anew, or going through the query
 * builder's execution, costs more than running them. Answers come in the order of the questions.
 */
export async function findLicensesByKey(db: Db, questions: KeyQuestion[]): Promise<(KeyedLicense | undefined)[]> {
  const lookups = lookupsOf(db);
  const sqlite = idleSqlite(db);
  const pool = sqlite ? undefined : postgresPool(db);
  const rows = sqlite ? sqliteRows(sqlite, lookups, questions) : pool ? await postgresRows(pool, lookups, questions) : await kyselyRows(db, lookups, questions);
  const licenses: (KeyedLicense | undefined)[] = new Array<KeyedLicense | undefined>(rows.length).fill(undefined);
  for (const [i, row] of rows.entries()) {
    if (!row) continue;
    // Known products are answered without waiting: only a product not read yet costs a turn.
    const product = knownProductFacts(db, row[9]) ?? (await productFacts(db, row[9]));
    if (product) licenses[i] = keyedLicense(row, product);
  }
  return licenses;
}

export async function findLicenseByKey(db: Db, licenseKey: string, hostId: string | undefined): Promise<KeyedLicense | undefined> {
  const [license] = await findLicensesByKey(db, [{ licenseKey, hostId }]);
  return license;
}
