import { sql, SqliteAdapter, type CompiledQuery } from 'kysely';
import type { Db } from '../../db/database.js';
import { sqliteIndexedBy } from '../../db/indexed-by.js';
import { firstRow } from '../../db/native-connection.js';
import { knownProductFacts, productFacts, type ProductFacts } from '../catalog/product-facts.js';
import type { LicensesTable } from '../licenses/licenses.table.js';
import type { ActivationsTable } from './activation.table.js';

/** A license as validation reads it: one row by the unique key, with its product. */
export interface KeyedLicense
  extends Pick<LicensesTable, 'id' | 'account_id' | 'status' | 'quantity' | 'features' | 'host_id' | 'not_before' | 'expires_at' | 'maintenance_ends_at'>,
    Pick<ProductFacts, 'sku' | 'version' | 'unit'> {
  product_name: string;
  /** Set when a host was asked about and it holds an activation of this license. */
  activation_id: string | null;
}

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

type LicenseRow = Omit<KeyedLicense, keyof ProductFacts | 'product_name'> & { product_id: string };

/** Stand-ins bound when the lookup is compiled, replaced by the caller's values on each run. */
const KEY = '\u0000license-key';
const HOST = '\u0000host-id';

/** A lookup compiled once, with where the caller's values go among its parameters. */
interface Lookup {
  name: string;
  compiled: CompiledQuery;
  keyAt: number;
  hostAt: number;
}

/**
 * SQLite is told to read licenses_validation (migration 0620), which holds every column read
 * here: left to itself it takes the unique key index, and the row read after it costs more than
 * the whole probe of the wider index.
 */
function lookupOf(db: Db, name: string, query: CompiledQuery): Lookup {
  const compiled = db.getExecutor().adapter instanceof SqliteAdapter ? sqliteIndexedBy(query, 'from "licenses"', 'licenses_validation') : query;
  return { name, compiled, keyAt: compiled.parameters.indexOf(KEY), hostAt: compiled.parameters.indexOf(HOST) };
}

/**
 * A value compared as `cast(? as text)`, not as a bare parameter. With a bare one, SQLite's planner
 * reads its index samples (sqlite_stat4, which ANALYZE writes) for the value bound, and so
 * prepares the statement again whenever a new value is bound: on every call. The cast keeps the
 * index lookup and hides the value from the planner; at 1,000,000 licenses the read went from
 * 26.5 to 16 µs. The column is text, so the comparison is the same.
 */
const asText = (standIn: string) => sql<string>`cast(${standIn} as text)`;

function compileLookups(db: Db): { byKey: Lookup; byKeyAndHost: Lookup } {
  const base = db.selectFrom('licenses').where('licenses.license_key', '=', asText(KEY));
  return {
    byKey: lookupOf(db, 'license-by-key', base.select(keyedColumns).select(sql<null>`null`.as('activation_id')).compile()),
    // A subquery, not a LEFT JOIN: for the join SQLite builds a filter over the activations table
    // on every run, which more than doubled the lookup's cost (measured at 1,000,000 licenses).
    byKeyAndHost: lookupOf(
      db,
      'license-by-key-and-host',
      base
        .select(keyedColumns)
        .select((eb) =>
          eb.selectFrom('activations').select('activations.id').whereRef('activations.license_id', '=', 'licenses.id').where('activations.host_id', '=', asText(HOST)).as('activation_id'),
        )
        .compile(),
    ),
  };
}

const compiledLookups = new WeakMap<Db, { byKey: Lookup; byKeyAndHost: Lookup }>();
function lookupsOf(db: Db): { byKey: Lookup; byKeyAndHost: Lookup } {
  let lookups = compiledLookups.get(db);
  if (!lookups) compiledLookups.set(db, (lookups = compileLookups(db)));
  return lookups;
}

export const activationRepository = {
  /**
   * The hot path of validation: the license by its unique key and, when a host is named, that
   * host's activation, in one statement over two unique indexes; its product comes from memory
   * (product-facts.ts). The statement is built once per database handle and run on the driver's
   * connection (native-connection.ts); each call only binds its values: building it anew, or going
   * through the query builder's execution, costs more than running it.
   */
  async findByKey(db: Db, licenseKey: string, hostId: string | undefined): Promise<KeyedLicense | undefined> {
    const lookups = lookupsOf(db);
    const { name, compiled, keyAt, hostAt } = hostId === undefined ? lookups.byKey : lookups.byKeyAndHost;
    const parameters = compiled.parameters.slice();
    parameters[keyAt] = licenseKey;
    if (hostAt >= 0) parameters[hostAt] = hostId;
    const row = await firstRow<LicenseRow>(db, name, compiled, parameters);
    if (!row) return undefined;
    const product = knownProductFacts(db, row.product_id) ?? (await productFacts(db, row.product_id));
    if (!product) return undefined;
    // The driver's row belongs to this call alone: it is completed in place rather than copied.
    return Object.assign(row, { sku: product.sku, product_name: product.name, version: product.version, unit: product.unit });
  },

  /** The license's signed file, the base of every host-bound file made from it. */
  async licenseFile(db: Db, licenseId: string): Promise<string | undefined> {
    const row = await db.selectFrom('licenses').select('file').where('id', '=', licenseId).executeTakeFirst();
    return row?.file;
  },

  findLicenseInAccount(db: Db, accountId: string, licenseId: string) {
    return db.selectFrom('licenses').select(['id', 'license_key']).where('account_id', '=', accountId).where('id', '=', licenseId).executeTakeFirst();
  },

  findActivation(db: Db, licenseId: string, hostId: string): Promise<ActivationsTable | undefined> {
    return db.selectFrom('activations').selectAll().where('license_id', '=', licenseId).where('host_id', '=', hostId).executeTakeFirst();
  },

  findActivationWithKey(db: Db, id: string) {
    return db
      .selectFrom('activations')
      .innerJoin('licenses', 'licenses.id', 'activations.license_id')
      .selectAll('activations')
      .select('licenses.license_key')
      .where('activations.id', '=', id)
      .executeTakeFirst();
  },

  listActivations(db: Db, accountId: string, licenseId: string, opts: { after?: string | undefined; limit: number }) {
    let q = db.selectFrom('activations').selectAll().where('account_id', '=', accountId).where('license_id', '=', licenseId);
    if (opts.after) q = q.where('id', '>', opts.after);
    return q.orderBy('id').limit(opts.limit).execute();
  },

  /**
   * Takes a seat: the counter moves only while it is below the license's quantity (or always,
   * when `limited` is false). False when every seat is taken. The counter row is created on first use.
   */
  async takeSeat(db: Db, licenseId: string, limited: boolean): Promise<boolean> {
    await db.insertInto('activation_counts').values({ license_id: licenseId, active: 0 }).onConflict((oc) => oc.column('license_id').doNothing()).execute();
    let update = db.updateTable('activation_counts').set((eb) => ({ active: eb('active', '+', 1) })).where('license_id', '=', licenseId);
    if (limited) update = update.where(({ eb, selectFrom }) => eb('active', '<', selectFrom('licenses').select('quantity').where('licenses.id', '=', licenseId)));
    const result = await update.executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async freeSeat(db: Db, licenseId: string): Promise<void> {
    await db.updateTable('activation_counts').set((eb) => ({ active: eb('active', '-', 1) })).where('license_id', '=', licenseId).where('active', '>', 0).execute();
  },

  /** False when the host already holds an activation of the license (a concurrent twin got there first). */
  async insertActivation(db: Db, row: ActivationsTable): Promise<boolean> {
    const result = await db
      .insertInto('activations')
      .values(row)
      .onConflict((oc) => oc.columns(['license_id', 'host_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  async deleteActivation(db: Db, id: string): Promise<ActivationsTable | undefined> {
    return db.deleteFrom('activations').where('id', '=', id).returningAll().executeTakeFirst();
  },

  async seatsInUse(db: Db, licenseId: string): Promise<number> {
    const row = await db.selectFrom('activation_counts').select('active').where('license_id', '=', licenseId).executeTakeFirst();
    return row?.active ?? 0;
  },
};
