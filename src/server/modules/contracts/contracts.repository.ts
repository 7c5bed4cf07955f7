import { compiledInsert } from '../../db/compiled-once.js';
import type { Db } from '../../db/database.js';
import { rowChunks } from '../../db/row-chunks.js';
import type { MaintenanceContractsTable } from './contracts.table.js';

// Compiled once per chunk size: an order import writes a contract for every line with a term.
const insertContracts = compiledInsert('maintenance_contracts', (q) => q.onConflict((oc) => oc.column('serial_number').doNothing()).returning('serial_number'));
const insertPlans = compiledInsert('reminder_plans');

export const contractsRepository = {
  /**
   * Inserts maintenance contracts, each with its reminder plan (unplanned); answers the serial
   * numbers that were written. A serial that collides with an existing one is skipped (not an
   * error), so the caller draws again. Inside the caller's transaction: a contract never exists
   * without its plan.
   */
  async insertMaintenanceContracts(tx: Db, rows: MaintenanceContractsTable[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const written = new Set((await insertContracts(tx, rows)).rows.map((r) => r.serial_number));
    const plans = rows.filter((r) => written.has(r.serial_number)).map((r) => ({ contract_id: r.id, ends_at: r.ends_at, next_reminder_on: null }));
    for (const chunk of rowChunks(plans, 3)) await insertPlans(tx, chunk);
    return written;
  },

  findMaintenanceContractBySerial(db: Db, serialNumber: string): Promise<MaintenanceContractsTable | undefined> {
    return db.selectFrom('maintenance_contracts').selectAll().where('serial_number', '=', serialNumber).executeTakeFirst();
  },

  /** The contracts of certificate lines, oldest first (a renewal adds a newer one). */
  maintenanceContractsOfEntitlements(db: Db, entitlementIds: string[]): Promise<MaintenanceContractsTable[]> {
    if (entitlementIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('maintenance_contracts').selectAll().where('entitlement_id', 'in', entitlementIds).orderBy('created_at').orderBy('id').execute();
  },
};
