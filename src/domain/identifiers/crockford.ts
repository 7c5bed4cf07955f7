import { randomBytes } from './random-bytes.js';
import { identifierFailure, type IdentifierResult } from './result.js';

/** Crockford's base32: digits and letters without I, L, O and U, in value order. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Letters people type for a digit they read; Crockford decodes them rather than refusing them. */
const CONFUSIONS: Readonly<Record<string, string>> = { I: '1', L: '1', O: '0' };

/**
 * Separators people type or paste: whitespace, any dash (PDF certificates turn `-` into `–`),
 * the minus sign, and zero-width characters that come along with copy and paste.
 */
const SEPARATOR = /^[\s\p{Pd}\u2212\u200B-\u200D\uFEFF]$/u;

/** One significant character of typed input, with its 1-based position in what was typed. */
export type TypedChar = { char: string; position: number };

/** Uppercase and drop separators, remembering where each remaining character was typed. */
export function compactTypedInput(input: string): TypedChar[] {
  const out: TypedChar[] = [];
  let position = 0;
  for (const original of input) {
    position += 1;
    if (SEPARATOR.test(original)) continue;
    const upper = original.toUpperCase();
    // A character whose uppercase is not one ASCII letter (e.g. ß → SS) stays as typed and is refused later.
    out.push({ char: upper.length === 1 && upper < '\u0080' ? upper : original, position });
  }
  return out;
}

/** `I`/`L` → `1`, `O` → `0`; every other character unchanged. Expects uppercase. */
export function mapConfusion(char: string): string {
  return CONFUSIONS[char] ?? char;
}

/** Values by character code, -1 for every code that is not a canonical character. */
const VALUES = new Int8Array(128).fill(-1);
for (const [value, char] of [...CROCKFORD_ALPHABET].entries()) VALUES[char.charCodeAt(0)] = value;

/** The value 0–31 of a canonical Crockford character, or -1 when it is not one. */
export function crockfordValue(char: string): number {
  return char.length === 1 ? crockfordValueAt(char, 0) : -1;
}

/** The value of the character at `index` of `text`, as `crockfordValue`; by code, without a string per character. */
export function crockfordValueAt(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 128 ? VALUES[code]! : -1;
}

/** Why a typed character cannot be part of a Crockford code, naming the character and where it was. */
export function describeRefusedChar({ char, position }: TypedChar): string {
  const shown = JSON.stringify(char);
  if (char === 'U') return `${shown} at position ${position} is not allowed — U is never used in these codes`;
  return `${shown} at position ${position} is not allowed — use the digits 0–9 and the letters A–Z except U`;
}

/** Map confusions and refuse anything outside the alphabet, naming the first bad character. */
export function toCrockfordChars(
  chars: readonly TypedChar[],
  field: string,
): IdentifierResult<{ value: string }> {
  let value = '';
  for (const typed of chars) {
    const char = mapConfusion(typed.char);
    if (crockfordValue(char) < 0) return identifierFailure(field, describeRefusedChar(typed));
    value += char;
  }
  return { ok: true, value };
}

/**
 * Normalize typed input to canonical Crockford characters: case, whitespace and dashes do not
 * matter, `I`/`L` read as `1` and `O` as `0`; `U` and anything else is refused.
 */
export function normalizeCrockford(input: string, field: string): IdentifierResult<{ value: string }> {
  return toCrockfordChars(compactTypedInput(input), field);
}

/** `count` uniformly random Crockford characters: each carries 5 bits from the system CSPRNG. */
export function randomCrockford(count: number): string {
  let out = '';
  // 256 is a multiple of 32, so the low 5 bits of a random byte are uniform: no modulo bias.
  // Web Crypto, the same CSPRNG in Node and in the browser, so the web app can import these parsers.
  for (const byte of randomBytes(count)) out += CROCKFORD_ALPHABET[byte & 31];
  return out;
}

/** `ABCDEFGH`, 4 → `ABCD-EFGH`. */
export function groupChars(value: string, size: number): string {
  const groups: string[] = [];
  for (let i = 0; i < value.length; i += size) groups.push(value.slice(i, i + size));
  return groups.join('-');
}
