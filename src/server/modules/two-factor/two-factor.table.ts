/** A user's authenticator app (TOTP); unconfirmed until a first code proves the app holds the secret. */
export interface TotpFactorsTable {
  user_id: string;
  /** The shared secret, sealed with the portal secret (platform/sealed-secret.ts). */
  secret_sealed: string;
  created_at: string;
  confirmed_at: string | null;
  last_used_step: number | null;
}

/** One-time recovery codes, stored as SHA-256; each is spent by one conditional update. */
export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** Between a correct password and a second factor: a short-lived, single-use ticket. */
export interface LoginChallengesTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  failed_attempts: number;
  used_at: string | null;
}

/** What an account's admin requires of its members' sign-ins. */
export interface SignInPoliciesTable {
  account_id: string;
  two_factor_required: number;
  sso_required: number;
  updated_at: string;
}

export interface TwoFactorTables {
  totp_factors: TotpFactorsTable;
  recovery_codes: RecoveryCodesTable;
  login_challenges: LoginChallengesTable;
  sign_in_policies: SignInPoliciesTable;
}
