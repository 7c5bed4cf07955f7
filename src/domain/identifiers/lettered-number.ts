import { isDammValid } from './damm.js';
import { compactTypedInput, mapConfusion } from './crockford.js';
import { randomBytes } from './random-bytes.js';
import { identifierFailure, type IdentifierResult } from './result.js';

/** How to read one family of "letter + digits + Damm check digit" identifiers. */
export type LetteredNumberSpec = {
  field: string;
  /** Letters recognised as this family; a narrower choice is enforced by `checkLetter`. */
  letters: readonly string[];
  /** Digits after the letter, check digit included. */
  digits: number;
  /** The fault to report when the input does not start with one of `letters`. */
  shapeFault: (input: string) => string;
  /** Runs once the shape is right and before the check digit: a wrong kind is not a typo. */
  checkLetter?: (letter: string) => string | undefined;
};

/** "S, M or E" */
export function listLetters(letters: readonly string[]): string {
  if (letters.length <= 1) return letters.join('');
  return `${letters.slice(0, -1).join(', ')} or ${letters[letters.length - 1]}`;
}

/**
 * Parse a letter followed by digits ending in their Damm check digit. Faults are reported in the
 * order a person fixes them: the letter, a stray character, the count of digits, the kind, and
 * only then the check digit (a check failure on a wrong-length input would only mislead).
 */
export function parseLetteredNumber(
  input: string,
  spec: LetteredNumberSpec,
): IdentifierResult<{ value: string; letter: string }> {
  const typed = compactTypedInput(input);
  const first = typed[0];
  if (!first || !spec.letters.includes(first.char)) {
    return identifierFailure(spec.field, spec.shapeFault(input));
  }

  let digits = '';
  for (const rest of typed.slice(1)) {
    const char = mapConfusion(rest.char);
    if (char.length !== 1 || char < '0' || char > '9') {
      return identifierFailure(
        spec.field,
        `${JSON.stringify(rest.char)} at position ${rest.position} is not a digit — after the letter come ${spec.digits} digits`,
      );
    }
    digits += char;
  }
  if (digits.length !== spec.digits) {
    return identifierFailure(
      spec.field,
      `has ${digits.length} digit${digits.length === 1 ? '' : 's'}, needs ${spec.digits}`,
    );
  }
  const letterFault = spec.checkLetter?.(first.char);
  if (letterFault) return identifierFailure(spec.field, letterFault);
  if (!isDammValid(digits)) {
    return identifierFailure(spec.field, 'check digit does not match — look for a mistyped digit');
  }
  return { ok: true, value: first.char + digits, letter: first.char };
}

/**
 * `count` uniformly random decimal digits from Web Crypto (in Node and in browsers alike):
 * bytes of 250 or more are dropped so that every digit is equally likely.
 */
export function randomDigits(count: number): string {
  let out = '';
  while (out.length < count) {
    for (const byte of randomBytes(count * 2)) {
      if (byte < 250 && out.length < count) out += String(byte % 10);
    }
  }
  return out;
}
