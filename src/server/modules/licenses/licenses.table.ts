/** The support registration of SPEC §5 step 4; contacts are JSON. */
export interface RegistrationsTable {
  id: string;
  account_id: string;
  /** {organization, address, country} */
  customer_contact: string;
  /** {name, email, phone} */
  technical_contact: string;
  technical_email: string;
  created_at: string;
}

export interface LicensesTable {
  id: string;
  account_id: string;
  product_id: string;
  entitlement_id: string | null;
  license_key: string;
  quantity: number;
  features: string;
  host_id: string | null;
  not_before: string;
  expires_at: string | null;
  maintenance_ends_at: string | null;
  status: 'active' | 'revoked' | 'retired';
  source: 'get_a_key' | 'rehost' | 'upgrade' | 'draw_down' | 'voucher';
  source_ref: string | null;
  replaces_license_id: string | null;
  registration_id: string | null;
  /** The signed license file, as served (JSON). */
  file: string;
  kid: string;
  issued_at: string;
  revoked_at: string | null;
}

export interface RehostsTable {
  id: string;
  entitlement_id: string | null;
  from_license_id: string;
  to_license_id: string;
  at: string;
}

export interface DeliveriesTable {
  id: string;
  license_id: string;
  account_id: string;
  to_address: string;
  partner_account_id: string | null;
  outbox_id: string;
  at: string;
}

export interface LicensesTables {
  registrations: RegistrationsTable;
  licenses: LicensesTable;
  rehosts: RehostsTable;
  deliveries: DeliveriesTable;
}
