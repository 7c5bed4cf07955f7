/** An Enterprise Flexible contract (SPEC §8): serial `E…`, a term of calendar dates, inclusive. */
export interface FlexContractsTable {
  id: string;
  serial_number: string;
  account_id: string;
  starts_at: string;
  ends_at: string;
  created_at: string;
}

/** Units of one product bought under a contract; `remaining` moves only by conditional UPDATEs. */
export interface FlexPoolsTable {
  id: string;
  contract_id: string;
  product_id: string;
  units: number;
  remaining: number;
}

/** Every draw-down and return; `units - remaining` of a pool is the sum of its ledger. */
export interface FlexLedgerTable {
  id: string;
  contract_id: string;
  pool_id: string;
  account_id: string;
  product_id: string;
  kind: 'draw_down' | 'return';
  quantity: number;
  license_id: string;
  replacement_license_id: string | null;
  host_id: string | null;
  actor_label: string;
  at: string;
}

export interface FlexTables {
  flex_contracts: FlexContractsTable;
  flex_pools: FlexPoolsTable;
  flex_ledger: FlexLedgerTable;
}
