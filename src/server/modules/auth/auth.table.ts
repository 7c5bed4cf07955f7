export interface SessionsTable {
  /** SHA-256 of the cookie value; the value itself is never stored. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  /** How it was opened: a password (with `second_factor` when one was asked) or single sign-on. */
  method: 'password' | 'sso';
  second_factor: 'totp' | 'recovery_code' | null;
  /** Set while the session may only enrol a second factor. */
  restriction: 'two_factor_enrollment' | null;
}

export interface ApiTokensTable {
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  role: 'admin' | 'member' | 'viewer' | 'support';
  created_by_user_id: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** One-time links sent by e-mail: invitations and password resets. */
export interface AuthTokensTable {
  id: string;
  token_hash: string;
  user_id: string;
  purpose: 'invitation' | 'password_reset';
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuthTables {
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  auth_tokens: AuthTokensTable;
}
