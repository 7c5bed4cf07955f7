import type { TMaintenanceContract } from '../../../contracts/contracts.js';
import { contractState, daysLeft, planReminders, type ReminderSchedule } from '../../../domain/reminders/index.js';
import type { ContractRow } from './maintenance.repository.js';

/** A contract as the API answers it, its state and next reminder computed for `today`. */
export function toContractView(row: ContractRow, licenseIds: string[], schedule: ReminderSchedule, today: string): TMaintenanceContract {
  const renewed = row.renewed_by_id !== null;
  const next = renewed ? undefined : planReminders(row.ends_at, schedule).find((r) => r.dueOn > today);
  return {
    id: row.id,
    serialNumber: row.serial_number,
    accountId: row.account_id,
    product: { sku: row.sku, name: row.product_name, productLine: row.product_line, version: row.version },
    entitlementSerialNumber: row.entitlement_serial_number,
    licenseIds,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    state: contractState({ endsAt: row.ends_at, renewed }, today),
    daysLeft: daysLeft(row.ends_at, today),
    renewedBySerialNumber: row.renewed_by_serial_number,
    nextReminder: next ? { stage: next.stage, dueOn: next.dueOn } : null,
  };
}
