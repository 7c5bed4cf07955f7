import { signDocument, type SignedDocument, type SigningKey } from './signed-document.js';

/** SPEC §4: the format marker of license files; a new layout gets a new marker. */
export const LICENSE_FILE_FORMAT = 'lp-license-1';

/** What a license file states; every field is covered by the signature. */
export type LicensePayload = {
  /** Always `license` in files this portal signs (stamped by `signLicenseFile`). */
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
  /** UTC timestamps, ISO 8601 with `Z`. */
  issuedAt: string;
  notBefore: string;
  /** Null for a perpetual license. */
  expiresAt: string | null;
  maintenanceEndsAt: string | null;
  /** Set when node-locked: the product must run on this host. */
  hostId: string | null;
};

export type LicenseFile = SignedDocument<typeof LICENSE_FILE_FORMAT, LicensePayload>;

const STRING_FIELDS = [
  'licenseId',
  'licenseKey',
  'accountId',
  'productSku',
  'productName',
  'version',
  'unit',
  'issuedAt',
  'notBefore',
] as const;
const NULLABLE_FIELDS = ['expiresAt', 'maintenanceEndsAt', 'hostId'] as const;

/** `2027-03-31` or `2027-03-31T00:00:00Z` (an offset instead of Z is read too): what the SDK compares. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** A signed file cannot be taken back, so a malformed payload is refused before signing. */
function assertLicensePayload(payload: LicensePayload): void {
  const bad = (field: string, why: string): never => {
    throw new TypeError(`license payload: ${field} ${why}`);
  };
  for (const field of STRING_FIELDS)
    if (typeof payload[field] !== 'string' || payload[field] === '') bad(field, 'must be a non-empty string');
  for (const field of NULLABLE_FIELDS)
    if (payload[field] !== null && typeof payload[field] !== 'string') bad(field, 'must be a string or null');
  if (!Number.isSafeInteger(payload.quantity) || payload.quantity < 1)
    bad('quantity', 'must be a positive integer');
  if (!Array.isArray(payload.features) || payload.features.some((f) => typeof f !== 'string'))
    bad('features', 'must be a list of strings');
  for (const field of ['issuedAt', 'notBefore', 'expiresAt', 'maintenanceEndsAt'] as const) {
    const value = payload[field];
    if (value !== null && (!ISO_8601.test(value) || Number.isNaN(Date.parse(value))))
      bad(field, 'must be an ISO 8601 date or timestamp');
  }
  if (payload.kind !== undefined && payload.kind !== 'license') bad('kind', 'must be "license"');
}

/** Sign a license file (SPEC §4). The payload is stamped `kind: "license"`. */
export function signLicenseFile(payload: LicensePayload, key: SigningKey): LicenseFile {
  assertLicensePayload(payload);
  return signDocument(LICENSE_FILE_FORMAT, { ...payload, kind: 'license' as const }, key);
}
