import { randomCrockford, groupChars } from './crockford.js';
import { parseCrockfordCode } from './crockford-code.js';
import { isLuhn32Valid, luhn32CheckChar } from './luhn32.js';
import type { IdentifierResult } from './result.js';

/**
 * License keys: 5 groups of 5 Crockford characters, 24 random (120 bits) and a Luhn mod 32
 * check character, e.g. `7QK2M-ZD4HX-A0P3R-W8N6T-JB5CN`.
 *
 * A key can never be taken for a serial number, nor a serial for a key: every parser counts the
 * significant characters after dropping separators, and a key has 25 where a serial number or
 * notification ID has 11 (a letter and 10 digits) and a voucher code 16 (17 with its `V`).
 * So whatever the characters, each parser refuses the others on length before any lookup, and
 * the grouped display (5×5 with dashes) looks nothing like a serial's letter and digits.
 */
export const LICENSE_KEY_RANDOM_CHARS = 24;
const KEY_LENGTH = LICENSE_KEY_RANDOM_CHARS + 1;

export type LicenseKeyResult = IdentifierResult<{ value: string }>;

/** A key exactly in its display form, as products send the key they were given: nothing to map or regroup. */
const DISPLAY_FORM = /^[0-9A-HJKMNP-TV-Z]{5}(?:-[0-9A-HJKMNP-TV-Z]{5}){4}$/;

/** Read a typed license key (case, spaces, dashes and I/L/O confusions do not matter) to `XXXXX-…`. */
export function parseLicenseKey(input: string, options: { field?: string } = {}): LicenseKeyResult {
  // Validation reads a key on every call: the display form is checked without taking it apart.
  if (DISPLAY_FORM.test(input) && isLuhn32Valid(input.replaceAll('-', ''))) return { ok: true, value: input };
  const parsed = parseCrockfordCode(input, {
    field: options.field ?? 'licenseKey',
    length: KEY_LENGTH,
    shape: '5 groups of 5',
  });
  return parsed.ok ? { ok: true, value: formatLicenseKeyBody(parsed.body) } : parsed;
}

/** A new license key from the system CSPRNG. */
export function generateLicenseKey(): string {
  const payload = randomCrockford(LICENSE_KEY_RANDOM_CHARS);
  return formatLicenseKeyBody(payload + luhn32CheckChar(payload));
}

/** `7QK2MZD4HXA0P3RW8N6TJB5CN` → `7QK2M-ZD4HX-A0P3R-W8N6T-JB5CN`. */
export function formatLicenseKeyBody(body: string): string {
  return groupChars(body, 5);
}

/** Display form of a license key known to be valid (e.g. read back from storage); throws otherwise. */
export function formatLicenseKey(key: string): string {
  const parsed = parseLicenseKey(key);
  if (!parsed.ok) throw new TypeError(`formatLicenseKey: not a valid license key (${parsed.message})`);
  return parsed.value;
}
