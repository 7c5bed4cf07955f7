import { CROCKFORD_ALPHABET, crockfordValueAt } from './crockford.js';

const N = CROCKFORD_ALPHABET.length;

/**
 * Luhn mod 32 over the Crockford alphabet (the Luhn mod N algorithm with N = 32): right to left,
 * the rightmost payload character is doubled, then every second one; a doubled value `p` adds
 * `floor(p / 32) + p % 32`; the check character is `(32 - sum % 32) % 32`.
 *
 * Guarantees (proved exhaustively in luhn32.test.ts over all character values):
 * - every single-character substitution is detected, the check character included, because
 *   doubling-and-folding is a permutation of 0–31;
 * - every transposition of two adjacent, different characters is detected EXCEPT swapping
 *   `0` and `Z` (values 0 and 31): both sides then add the same sum (0 + 31 = 31 + 0 after
 *   folding 62 → 1 + 30). That is the mod-32 twin of decimal Luhn missing `09` ↔ `90`.
 */
function luhnSum(values: readonly number[], doubleFirstFromRight: boolean): number {
  let sum = 0;
  let double = doubleFirstFromRight;
  for (let i = values.length - 1; i >= 0; i--) {
    let addend = values[i]!;
    if (double) {
      const product = addend * 2;
      addend = Math.floor(product / N) + (product % N);
    }
    sum += addend;
    double = !double;
  }
  return sum;
}

/** One UTF-16 unit at a time: half of a surrogate pair is no Crockford character either. */
function valuesOf(chars: string): number[] | undefined {
  const values = new Array<number>(chars.length);
  for (let i = 0; i < chars.length; i++) {
    const value = crockfordValueAt(chars, i);
    if (value < 0) return undefined;
    values[i] = value;
  }
  return values;
}

/** The check character to append to a canonical Crockford payload. Throws on other characters. */
export function luhn32CheckChar(payload: string): string {
  const values = valuesOf(payload);
  if (!values || values.length === 0) {
    throw new TypeError('luhn32CheckChar: expects one or more canonical Crockford characters');
  }
  return CROCKFORD_ALPHABET[(N - (luhnSum(values, true) % N)) % N]!;
}

/** True when the last character is the Luhn mod 32 check character of the ones before it. */
export function isLuhn32Valid(codeWithCheck: string): boolean {
  const values = valuesOf(codeWithCheck);
  // With the check character on the right, the payload's rightmost char is second from the right.
  return !!values && values.length >= 2 && luhnSum(values, false) % N === 0;
}
