/** An account's OpenID Connect provider, configured by the account's admin. */
export interface IdentityProvidersTable {
  id: string;
  account_id: string;
  issuer: string;
  client_id: string;
  /** Sealed with the portal secret (platform/sealed-secret.ts); never sent back. */
  client_secret_sealed: string;
  jit_role: 'admin' | 'member' | 'viewer' | 'support' | null;
  created_at: string;
  updated_at: string;
}

/** An e-mail domain an account claims; sign-in routes to its provider once the claim is verified. */
export interface SsoDomainsTable {
  domain: string;
  account_id: string;
  verification_token: string;
  created_at: string;
  verified_at: string | null;
}

/** A person at a provider (its `sub`), linked to a portal user. */
export interface SsoIdentitiesTable {
  provider_id: string;
  subject: string;
  user_id: string;
  created_at: string;
  last_signed_in_at: string;
}

/** A sign-in in flight at the provider: single use, bound to the browser that started it. */
export interface SsoLoginStatesTable {
  state_hash: string;
  provider_id: string;
  browser_hash: string;
  nonce: string;
  code_verifier: string;
  return_to: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SsoTables {
  identity_providers: IdentityProvidersTable;
  sso_domains: SsoDomainsTable;
  sso_identities: SsoIdentitiesTable;
  sso_login_states: SsoLoginStatesTable;
}
