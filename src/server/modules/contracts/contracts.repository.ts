import { compiledInsert } from '../../db/compiled-once.js';
import type { Db } from '../../db/database.js';
import type { MaintenanceContractsTable } from './contracts.table.js';

// Compiled once per chunk size: an order import writes a contract for every line with a term.
const insertContracts = compiledInsert('maintenance_contracts', (q) => q.onConflict((oc) => oc.column('serial_number').doNothing()).returning('serial_number'));

export const contractsRepository = {
  /**
   * Inserts maintenance contracts; answers the serial numbers that were written. A serial that
   * collides with an existing one is skipped (not an error), so the caller draws again.
   */
  async insertMaintenanceContracts(db: Db, rows: MaintenanceContractsTable[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const written = await insertContracts(db, rows);
    return new Set(written.rows.map((r) => r.serial_number));
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
