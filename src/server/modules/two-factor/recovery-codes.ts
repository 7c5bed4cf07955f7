import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../../platform/hash.js';

/**
 * Recovery codes: ten per set, each `XXXX-XXXX-XXXX-XXXX` from the Crockford alphabet (80 random
 * bits, so a plain SHA-256 at rest cannot be reversed by guessing). Case, spaces and dashes do not
 * matter when one is typed back, and the usual confusions (I, L → 1; O → 0) are forgiven.
 */
export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHARS = 16;

export function newRecoveryCode(): string {
  const bytes = randomBytes(CHARS);
  let out = '';
  for (let i = 0; i < CHARS; i++) out += ALPHABET[bytes[i]! & 31];
  return out.match(/.{4}/g)!.join('-');
}

/** The canonical form, or null when it cannot be a recovery code (wrong length or characters). */
export function normalizeRecoveryCode(typed: string): string | null {
  const clean = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (clean.length !== CHARS || [...clean].some((c) => !ALPHABET.includes(c))) return null;
  return clean;
}

export const recoveryCodeHash = (normalized: string): string => sha256Hex(`recovery-code:${normalized}`);

/** A typed second-factor answer is a TOTP code (digits only) or a recovery code. */
export function looksLikeTotpCode(typed: string): boolean {
  return /^\d{6}$/.test(typed.replace(/\s/g, ''));
}
