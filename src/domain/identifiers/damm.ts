/**
 * Damm check digit over decimal digits, with the standard weakly totally anti-symmetric
 * quasigroup of order 10 (zeros on the diagonal).
 *
 * Guarantees (proved exhaustively in damm.test.ts from the table alone):
 * - every single-digit substitution is detected, anywhere, the check digit included, because
 *   every row and every column of the table is a permutation;
 * - every transposition of two adjacent, different digits is detected, the check digit
 *   included, because `T[T[i][a]][b] !== T[T[i][b]][a]` for every interim `i` and `a !== b`.
 */
export const DAMM_TABLE: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

const DIGITS = /^[0-9]+$/;

/** The interim after running `digits` through the table; 0 means the digits end in a valid check. */
function dammInterim(digits: string): number {
  let interim = 0;
  for (const char of digits) {
    interim = DAMM_TABLE[interim]![char.charCodeAt(0) - 48]!;
  }
  return interim;
}

/** The check digit (0–9) to append to `digits`. Throws on a non-digit: callers validate input first. */
export function dammCheckDigit(digits: string): number {
  if (!DIGITS.test(digits)) throw new TypeError('dammCheckDigit: expects one or more decimal digits');
  return dammInterim(digits);
}

/** True when the last digit is the Damm check digit of the ones before it. */
export function isDammValid(digitsWithCheck: string): boolean {
  return digitsWithCheck.length >= 2 && DIGITS.test(digitsWithCheck) && dammInterim(digitsWithCheck) === 0;
}
