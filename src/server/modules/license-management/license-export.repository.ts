import { sql, type RawBuilder } from 'kysely';
import type { Db, Dialect } from '../../db/database.js';
import { idleSqlite, postgresPool, preparedStatement } from '../../db/native-connection.js';
import type { ExportPlan } from './license-list.repository.js';

/**
 * A license as the export writes it, read in the same query as its place in the list, as an
 * array (see `EXPORTED`). The database writes the line itself but for the product's cells, which
 * go between `head` and `rest` (a product is looked up once per export, not once per license), and,
 * for a license shared from another account, the share mark and the owner's values. Measured on
 * SQLite at 900,000 licenses, a row object per license, a column per cell and a JSON object of
 * values to parse cost the server more than the database's whole work on the row.
 */
export type ExportedRow = [
  id: string,
  sk: string | number | null,
  /** Another account's license, shared with the user (1 or true). */
  isShared: number | boolean,
  productId: string,
  /** `licenseId,licenseKey` */
  head: string,
  /**
   * `,quantity,status,hostId,serialNumber,issuedAt,notBefore,expiresAt,maintenanceEndsAt,maintenance`;
   * for the account's own licenses followed by the empty share mark, the custom values and the
   * line's end.
   */
  rest: string,
];

/** Positions in an `ExportedRow`. */
export const EXPORTED = { id: 0, sk: 1, isShared: 2, productId: 3, head: 4, rest: 5 } as const;

/**
 * The states as `licenseStatus()` and `maintenanceStateOn()` tell them (license-status.ts), on
 * the plan's today and the end of its `expiring` window; like `statusCondition`, they compare the
 * stored dates as text.
 */
function statesOf(plan: ExportPlan): { status: RawBuilder<unknown>; maintenance: RawBuilder<unknown> } {
  const ends = sql`substr(l.maintenance_ends_at, 1, 10)`;
  return {
    status: sql`case when l.status <> 'active' then l.status when l.expires_at < ${plan.today} then 'expired' else 'active' end`,
    maintenance: sql`case when l.maintenance_ends_at is null then 'none' when ${ends} < ${plan.today} then 'expired' when ${ends} <= ${plan.withRows.horizon} then 'expiring' else 'active' end`,
  };
}

/**
 * `csvCell` (csv-cells.ts) in SQL, for the cells a person typed: a leading `'` before a formula's
 * first character, quotes around a cell holding a quote, comma or line break. The patterns hold
 * the tab, carriage return and line feed themselves, so they are constants the database compiles
 * once.
 */
function csvText(dialect: Dialect, value: RawBuilder<unknown>): RawBuilder<unknown> {
  const [formula, quoted] =
    dialect === 'sqlite'
      ? [sql`${value} glob ${sql.raw(`'[=+@\t\r-]*'`)}`, sql`${value} glob ${sql.raw(`'*[",\r\n]*'`)}`]
      : [sql`${value} ~ ${sql.raw(`'^[-=+@\t\r]'`)}`, sql`${value} ~ ${sql.raw(`'[",\r\n]'`)}`];
  const text = sql`case when ${formula} then '''' || ${value} else ${value} end`;
  return sql`coalesce(case when ${quoted} then '"' || replace(${text}, '"', '""') || '"' else ${text} end, '')`;
}

/**
 * `,value,value…` in the order of the plan's fields: one read of the license's values (its range
 * of the (license, field, value) index of migration 0202), each quoted as it is found.
 */
function valueCells(plan: ExportPlan): RawBuilder<unknown> {
  const { fieldIds } = plan.withRows;
  if (fieldIds.length === 0) return sql`''`;
  const cell = csvText(plan.dialect, sql`fv.value`);
  const cells = fieldIds.map((id) => sql`',' || coalesce(max(case when fv.field_id = ${id} then ${cell} end), '')`);
  // SQLite is told the index: without statistics of it, it reads the rows.
  const index = sql.raw(plan.dialect === 'sqlite' ? ' indexed by custom_field_values_cells' : '');
  return sql`(select ${sql.join(cells, sql` || `)} from custom_field_values fv${index} where fv.license_id = l.id)`;
}

/** The columns after `id` and `sk` that each branch of the list selects for the export. */
export function exportedColumns(plan: ExportPlan): RawBuilder<unknown> {
  const { status, maintenance } = statesOf(plan);
  const shared = sql`l.account_id <> ${plan.accountId}`;
  return sql`, ${shared} as is_shared, l.product_id, l.id || ',' || l.license_key as head,
    ',' || cast(l.quantity as text) || ',' || ${status} || ',' || ${csvText(plan.dialect, sql`l.host_id`)} || ',' || coalesce(e.serial_number, '')
      || ',' || l.issued_at || ',' || l.not_before || ',' || coalesce(l.expires_at, '') || ',' || coalesce(l.maintenance_ends_at, '') || ',' || ${maintenance}
      || case when ${shared} then '' else ',,' || ${valueCells(plan)} || ${sql.raw(`'\r\n'`)} end as rest`;
}

/** The serial number, from the (id, serial_number) index of migration 0202. A LEFT JOIN is never read before the licenses: each branch keeps its plan. */
export function exportedJoin(plan: ExportPlan): RawBuilder<unknown> {
  return sql` left join entitlements e${sql.raw(plan.dialect === 'sqlite' ? ' indexed by entitlements_serial_of' : '')} on e.id = l.entitlement_id`;
}

/**
 * Runs a query of the export on the driver itself, rows as arrays, when the handle has an idle
 * connection of its own (see native-connection.ts); otherwise through Kysely, which waits for a
 * transaction open on the connection to end.
 */
export async function exportedRows(db: Db, query: RawBuilder<unknown>): Promise<ExportedRow[]> {
  const { sql: text, parameters } = query.compile(db);
  const sqlite = idleSqlite(db);
  if (sqlite) return preparedStatement(sqlite, text, true).all(parameters) as ExportedRow[];
  const pool = postgresPool(db);
  if (pool) return (await pool.query<ExportedRow>({ text, values: parameters as unknown[], rowMode: 'array' })).rows;
  const { rows } = await query.execute(db);
  // Kysely's rows hold the columns in the order they are selected.
  return rows.map((row) => Object.values(row as object) as ExportedRow);
}
