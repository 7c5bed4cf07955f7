import type { TFlexContract, TFlexLedgerEntry, TFlexPool } from '../../../contracts/flex.js';
import type { ContractRow, LedgerRow, PoolRow } from './flex.repository.js';
import { contractState } from './flex-term.js';

export function toPoolView(row: PoolRow): TFlexPool {
  return {
    productSku: row.sku,
    productName: row.product_name,
    unit: row.unit,
    nodeLocked: row.node_locked === 1,
    units: row.units,
    remaining: row.remaining,
  };
}

export function toContractView(row: ContractRow, pools: PoolRow[], today: string): TFlexContract {
  return {
    id: row.id,
    serialNumber: row.serial_number,
    accountId: row.account_id,
    accountName: row.account_name,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    state: contractState(row, today),
    pools: pools.filter((p) => p.contract_id === row.id).map(toPoolView),
    createdAt: row.created_at,
  };
}

export function toLedgerView(row: LedgerRow): TFlexLedgerEntry {
  return {
    id: row.id,
    kind: row.kind,
    productSku: row.sku,
    quantity: row.quantity,
    licenseId: row.license_id,
    replacementLicenseId: row.replacement_license_id,
    hostId: row.host_id,
    by: row.actor_label,
    at: row.at,
    returnable: row.kept_license_id ? { licenseId: row.kept_license_id, licenseKey: row.kept_license_key!, quantity: row.kept_quantity! } : null,
  };
}
