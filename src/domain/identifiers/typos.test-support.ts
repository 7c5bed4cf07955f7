import { CROCKFORD_ALPHABET } from './crockford.js';

/**
 * Typos of a canonical Crockford body, for the property tests of voucher codes and license keys.
 * Lives beside them (not in a test file) so both suites share one definition of a typo.
 */
export function singleSubstitutions(body: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < body.length; i++) {
    for (const c of CROCKFORD_ALPHABET) if (c !== body[i]) out.push(body.slice(0, i) + c + body.slice(i + 1));
  }
  return out;
}

/** Each adjacent swap of two different characters, with the pair that was swapped. */
export function adjacentTranspositions(body: string): { typo: string; pair: string }[] {
  const out: { typo: string; pair: string }[] = [];
  for (let i = 0; i + 1 < body.length; i++) {
    const a = body[i]!;
    const b = body[i + 1]!;
    if (a !== b) out.push({ typo: body.slice(0, i) + b + a + body.slice(i + 2), pair: a + b });
  }
  return out;
}

/** The one kind of adjacent swap Luhn mod 32 cannot see (see luhn32.ts). */
export const isZeroZSwap = (pair: string): boolean => pair === '0Z' || pair === 'Z0';
