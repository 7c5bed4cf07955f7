import { parseLetteredNumber } from './lettered-number.js';
import { parseLicenseKey } from './license-key.js';
import { parseVoucherCode } from './voucher-code.js';

/** What each identifier letter stands for, in the portal's own words. */
export const LETTER_NAMES = {
  S: 'product serial number',
  M: 'maintenance contract number',
  E: 'Enterprise Flexible contract number',
  N: 'upgrade notification ID',
} as const;

export type IdentifierLetter = keyof typeof LETTER_NAMES;

export function withArticle(name: string): string {
  return /^[aeiou]/i.test(name) ? `an ${name}` : `a ${name}`;
}

const ALL_LETTERS = Object.keys(LETTER_NAMES) as IdentifierLetter[];

/**
 * When input typed into one field is a valid identifier of another family, say which, e.g.
 * `a license key` or `a maintenance contract number (M…)`: the person copied the wrong line.
 */
export function describeOtherIdentifier(input: string): string | undefined {
  const lettered = parseLetteredNumber(input, {
    field: '',
    letters: ALL_LETTERS,
    digits: 10,
    shapeFault: () => '',
  });
  if (lettered.ok) {
    const letter = lettered.letter as IdentifierLetter;
    return `${withArticle(LETTER_NAMES[letter])} (${letter}…)`;
  }
  if (parseLicenseKey(input).ok) return 'a license key';
  // Without its `V` a voucher body is just 16 characters; only claim one when the V was typed.
  if (/^\s*v/i.test(input) && parseVoucherCode(input).ok) return 'a voucher code';
  return undefined;
}
