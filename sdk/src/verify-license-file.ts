import { instantOf, isIsoDate } from './dates.js';
import { verifySignedFile } from './signed-file.js';
import { LICENSE_FILE_FORMAT, type LicensePayload, type VerifyResult } from './types.js';

export type VerifyLicenseOptions = {
  /** The moment to check against; the system clock by default. */
  now?: Date;
  /** This machine's host ID, as given when activating. Required for node-locked licenses. */
  hostId?: string;
};

const TEXT_FIELDS = [
  'licenseId',
  'licenseKey',
  'accountId',
  'productSku',
  'productName',
  'version',
  'unit',
] as const;

/** What is wrong with a payload's shape, or undefined when it is a license payload. */
function licensePayloadFault(p: Record<string, unknown>): string | undefined {
  for (const field of TEXT_FIELDS)
    if (typeof p[field] !== 'string') return `payload.${field} must be a string`;
  if (typeof p.quantity !== 'number' || !Number.isInteger(p.quantity))
    return 'payload.quantity must be an integer';
  if (!Array.isArray(p.features) || !p.features.every((f) => typeof f === 'string'))
    return 'payload.features must be a list of strings';
  for (const field of ['issuedAt', 'notBefore'] as const)
    if (!isIsoDate(p[field])) return `payload.${field} must be an ISO 8601 date`;
  for (const field of ['expiresAt', 'maintenanceEndsAt'] as const) {
    if (p[field] !== null && !isIsoDate(p[field])) return `payload.${field} must be an ISO 8601 date or null`;
  }
  if (p.hostId !== null && typeof p.hostId !== 'string') return 'payload.hostId must be a string or null';
  return undefined;
}

/**
 * Verify a license file offline, with nothing but the portal's JWKS. Checks, in order: the
 * format (`MALFORMED`), that the kid is in the JWKS (`UNKNOWN_KEY`), the signature
 * (`BAD_SIGNATURE`), `notBefore` (`NOT_YET_VALID`), `expiresAt` (`EXPIRED`), and, when the
 * license is node-locked, that `options.hostId` is its host (`HOST_MISMATCH`).
 * `file` and `jwks` may be objects or JSON text/bytes as read from disk. Never throws for bad input.
 */
export function verifyLicenseFile(
  file: unknown,
  jwks: unknown,
  options: VerifyLicenseOptions = {},
): VerifyResult {
  const now = (options.now ?? new Date()).getTime();
  if (Number.isNaN(now)) throw new TypeError('verifyLicenseFile: options.now is an invalid Date');

  const signed = verifySignedFile(file, jwks, {
    format: LICENSE_FILE_FORMAT,
    kind: 'license',
    checkPayload: licensePayloadFault,
  });
  if (!signed.valid) return signed;
  const payload = signed.payload as LicensePayload;

  if (now < instantOf(payload.notBefore)) {
    return {
      valid: false,
      code: 'NOT_YET_VALID',
      message: `the license is valid from ${payload.notBefore}`,
      payload,
    };
  }
  if (payload.expiresAt !== null && now >= instantOf(payload.expiresAt, true)) {
    return { valid: false, code: 'EXPIRED', message: `the license expired at ${payload.expiresAt}`, payload };
  }
  if (payload.hostId !== null && options.hostId !== payload.hostId) {
    const message =
      options.hostId === undefined
        ? "the license is locked to a host: pass this machine's hostId"
        : `the license is locked to host ${JSON.stringify(payload.hostId)}, not ${JSON.stringify(options.hostId)}`;
    return { valid: false, code: 'HOST_MISMATCH', message, payload };
  }
  return { valid: true, code: 'VALID', payload };
}
