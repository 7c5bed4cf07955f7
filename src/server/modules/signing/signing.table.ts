export interface SigningKeysTable {
  kid: string;
  /** The public JWK (JSON). */
  public_jwk: string;
  /** PKCS8 private key encrypted with PORTAL_SECRET (src/domain/signing/key-encryption.ts). */
  private_key: string;
  /** `active` signs; `previous` still verifies; `retired` is no longer published. */
  state: 'active' | 'previous' | 'retired';
  created_at: string;
  retired_at: string | null;
}

export interface SigningTables {
  signing_keys: SigningKeysTable;
}
