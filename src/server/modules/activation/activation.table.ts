/** A host holding a seat of a license (SPEC §12); UNIQUE(license_id, host_id). */
export interface ActivationsTable {
  id: string;
  license_id: string;
  account_id: string;
  host_id: string;
  host_name: string | null;
  source: 'online' | 'offline';
  /** The host-bound signed license file (JSON), answered again when the host activates again. */
  license_file: string;
  created_at: string;
}

/** Seats in use per license; `active` moves only by a conditional UPDATE. */
export interface ActivationCountsTable {
  license_id: string;
  active: number;
}

export interface ActivationTables {
  activations: ActivationsTable;
  activation_counts: ActivationCountsTable;
}
