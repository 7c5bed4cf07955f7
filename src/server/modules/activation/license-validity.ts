import type { TValidateResult, TValidationCode } from '../../../contracts/activation.js';
import type { KeyedLicense } from './keyed-license.js';

/** Per-server licenses count hosts: their quantity is the number of activations allowed (SPEC §12). */
export const isPerServer = (license: Pick<KeyedLicense, 'unit'>): boolean => license.unit === 'server';

/**
 * Whether a license is past its end. `expires_at` is the last valid day (a calendar date, valid
 * through its last moment in UTC) or, if ever stored so, an exact instant.
 */
export function isExpired(expiresAt: string | null, now: Date): boolean {
  if (expiresAt === null) return false;
  if (expiresAt.length === 10) return now.toISOString().slice(0, 10) > expiresAt;
  return now.getTime() >= Date.parse(expiresAt);
}

export const isNotYetValid = (notBefore: string, now: Date): boolean => now.getTime() < Date.parse(notBefore);

/** The validation code for a license found by its key, in the fixed order of the contract. */
export function validationCode(license: KeyedLicense, hostId: string | undefined, now: Date): TValidationCode {
  if (license.status !== 'active') return 'REVOKED';
  if (isNotYetValid(license.not_before, now)) return 'NOT_YET_VALID';
  if (isExpired(license.expires_at, now)) return 'EXPIRED';
  if (license.host_id !== null && hostId !== license.host_id) return 'HOST_MISMATCH';
  if (hostId !== undefined && isPerServer(license) && license.activation_id === null) return 'NOT_ACTIVATED';
  return 'VALID';
}

/** The answer of `POST /validate`, built from the one row read; nothing is signed or written. */
export function validationResult(license: KeyedLicense | undefined, hostId: string | undefined, now: Date): TValidateResult {
  if (!license) return { valid: false, code: 'NOT_FOUND', license: null, expiresAt: null };
  const code = validationCode(license, hostId, now);
  return {
    valid: code === 'VALID',
    code,
    license: {
      id: license.id,
      productSku: license.sku,
      productName: license.product_name,
      version: license.version,
      unit: license.unit,
      quantity: license.quantity,
      features: JSON.parse(license.features) as string[],
      hostId: license.host_id,
      notBefore: license.not_before,
      maintenanceEndsAt: license.maintenance_ends_at,
    },
    expiresAt: license.expires_at,
  };
}
