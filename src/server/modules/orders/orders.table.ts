export interface OrdersTable {
  id: string;
  account_id: string;
  partner_account_id: string | null;
  /** The vendor's own order reference (a PO or import row id); unique when given. */
  reference: string | null;
  source: 'api' | 'import';
  created_at: string;
}

export interface CertificatesTable {
  id: string;
  order_id: string;
  account_id: string;
  issued_at: string;
  /** Set once the certificate is queued for e-mail to the account's admins (migration 0101). */
  mailed_at: string | null;
}

/** A certificate line: its serial number (`S…`) and what it entitles to. */
export interface EntitlementsTable {
  id: string;
  serial_number: string;
  order_id: string;
  certificate_id: string;
  account_id: string;
  line_no: number;
  product_id: string;
  quantity: number;
  maintenance_starts_at: string | null;
  maintenance_ends_at: string | null;
  key_on_certificate: number;
  /** Generated at order time when printed on the certificate; otherwise at registration. */
  license_key: string | null;
  registration_id: string | null;
  registered_at: string | null;
  created_at: string;
}

export interface OrdersTables {
  orders: OrdersTable;
  certificates: CertificatesTable;
  entitlements: EntitlementsTable;
}
