/** The license file format this SDK reads (SPEC §4 of the portal). */
export const LICENSE_FILE_FORMAT = 'lp-license-1';

/** What a license file states; every field is covered by the signature. */
export type LicensePayload = {
  kind?: 'license';
  licenseId: string;
  licenseKey: string;
  accountId: string;
  productSku: string;
  productName: string;
  version: string;
  quantity: number;
  unit: string;
  features: string[];
  /** ISO 8601: a UTC timestamp (`…Z`) or a calendar date (`YYYY-MM-DD`). */
  issuedAt: string;
  notBefore: string;
  /** Null: the license does not expire. */
  expiresAt: string | null;
  maintenanceEndsAt: string | null;
  /** Set when the license is node-locked to one host. */
  hostId: string | null;
};

/** `{ format, payload, kid, signature }`, as the portal issues it. */
export type LicenseFile = {
  format: typeof LICENSE_FILE_FORMAT;
  payload: LicensePayload;
  kid: string;
  signature: string;
};

/** One public key of the portal's JWKS (`GET /api/v1/signing-keys`). */
export type Jwk = { kty: string; crv?: string; x?: string; kid?: string; alg?: string; use?: string };
export type Jwks = { keys: Jwk[] };

/** The outcome codes of offline verification, checked in this order. */
export type VerifyCode =
  'VALID' | 'MALFORMED' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE' | 'NOT_YET_VALID' | 'EXPIRED' | 'HOST_MISMATCH';

/**
 * `payload` is present on a failure only when the signature was good (the dates or host were
 * wrong), so it can be shown ("expired on …") and trusted.
 */
export type VerifyResult =
  | { valid: true; code: 'VALID'; payload: LicensePayload }
  | { valid: false; code: Exclude<VerifyCode, 'VALID'>; message: string; payload?: LicensePayload };
