/** A maintenance contract (`M…`); its state is derived from dates and `renewed_by_id` (SPEC §11). */
export interface MaintenanceContractsTable {
  id: string;
  serial_number: string;
  account_id: string;
  entitlement_id: string | null;
  product_id: string;
  /** Calendar dates, YYYY-MM-DD. */
  starts_at: string;
  ends_at: string;
  renewed_by_id: string | null;
  /** Contacts given through the Renewal Assistant when the serial had no support registration. */
  registration_id?: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContractsTables {
  maintenance_contracts: MaintenanceContractsTable;
}
