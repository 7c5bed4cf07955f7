import { sql, type RawBuilder } from 'kysely';
import type { ExportPlan, ListedKey } from './license-list.repository.js';

/**
 * A license as the export writes it, read in the same query as its place in the list. Its cells
 * that never need quoting (ids, keys, serial numbers, timestamps, dates, numbers, states) come
 * joined into CSV text by the database; the cells a person typed (host ID, custom values) come
 * as they are stored, for `csvCell`; the product by id. Measured on SQLite at 900,000 licenses,
 * turning a column into a property of a JavaScript row costs about as much as the database's
 * work on it, and a probe of the values index for each field as much again: so a row holds few
 * columns, and the license's values are one probe, read as one JSON object.
 */
export type ExportedRow = ListedKey & {
  /** Another account's license, shared with the user (1 or true). */
  is_shared: number | boolean;
  product_id: string;
  host_id: string | null;
  /** `licenseKey,quantity,status,serialNumber,issuedAt,notBefore,expiresAt,maintenanceEndsAt,maintenance`: the product goes after the key, the host ID after the status. */
  cells: string;
  /** The license's custom values by field id, as JSON text; null (or `{}`) when it holds none. */
  field_values: string | null;
};

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

/** The columns after `id` and `sk` that each branch of the list selects for the export. */
export function exportedColumns(plan: ExportPlan): RawBuilder<unknown> {
  const { status, maintenance } = statesOf(plan);
  // SQLite is told the (license, field, value) index of migration 0202: without statistics of it, it reads the rows.
  const values =
    plan.dialect === 'sqlite'
      ? sql`(select json_group_object(fv.field_id, fv.value) from custom_field_values fv indexed by custom_field_values_cells where fv.license_id = l.id)`
      : // text, not json: a list of several branches is a UNION, and json has no equality
        sql`(select cast(json_object_agg(fv.field_id, fv.value) as text) from custom_field_values fv where fv.license_id = l.id)`;
  return sql`, l.account_id <> ${plan.accountId} as is_shared, l.product_id, l.host_id,
    l.license_key || ',' || cast(l.quantity as text) || ',' || ${status} || ',' || coalesce(e.serial_number, '') || ',' || l.issued_at || ',' || l.not_before
      || ',' || coalesce(l.expires_at, '') || ',' || coalesce(l.maintenance_ends_at, '') || ',' || ${maintenance} as cells,
    ${values} as field_values`;
}

/** The serial number, from the (id, serial_number) index of migration 0202. A LEFT JOIN is never read before the licenses: each branch keeps its plan. */
export function exportedJoin(plan: ExportPlan): RawBuilder<unknown> {
  return sql` left join entitlements e${sql.raw(plan.dialect === 'sqlite' ? ' indexed by entitlements_serial_of' : '')} on e.id = l.entitlement_id`;
}
