import { dammCheckDigit } from './damm.js';
import { listLetters, parseLetteredNumber, randomDigits as drawDigits } from './lettered-number.js';
import { describeOtherIdentifier, LETTER_NAMES, withArticle } from './recognize.js';
import type { IdentifierResult } from './result.js';

/**
 * Serial numbers: a letter for the kind + 9 digits + their Damm check digit, e.g. `M3482915673`.
 * The letter is not part of the check: a wrong letter is caught as a wrong kind instead.
 */
export const SERIAL_KINDS = ['S', 'M', 'E'] as const;
/** `S` product serial (Get a Key), `M` maintenance contract, `E` Enterprise Flexible contract. */
export type SerialKind = (typeof SERIAL_KINDS)[number];

export type SerialNumberResult = IdentifierResult<{ value: string; kind: SerialKind }>;
export type ParseSerialNumberOptions = {
  /** The request field named in messages; `serialNumber` by default. */
  field?: string;
  /** The kinds this field accepts; all three by default. */
  kinds?: readonly SerialKind[];
};

const PAYLOAD_DIGITS = 9;

function shapeFault(kinds: readonly SerialKind[]): string {
  const first = kinds[0];
  return kinds.length === 1 && first
    ? `must be the letter ${first} followed by ${PAYLOAD_DIGITS + 1} digits`
    : `must be a letter (${listLetters(kinds)}) followed by ${PAYLOAD_DIGITS + 1} digits`;
}

function enterHint(kinds: readonly SerialKind[]): string {
  const first = kinds[0];
  if (kinds.length === 1 && first) return `enter the ${LETTER_NAMES[first]} (${first}…) from the certificate`;
  return `enter the serial number (${listLetters(kinds.map((k) => `${k}…`))}) from the certificate`;
}

/**
 * Read a typed serial number: case, spaces and dashes do not matter; in the digits `O` reads as
 * `0` and `I`/`L` as `1`. Answers the canonical `M3482915673` and its kind, or a message naming
 * the field and the fault, e.g. `serialNumber: check digit does not match — look for a mistyped digit`.
 */
export function parseSerialNumber(input: string, options: ParseSerialNumberOptions = {}): SerialNumberResult {
  const field = options.field ?? 'serialNumber';
  const kinds = options.kinds && options.kinds.length > 0 ? options.kinds : SERIAL_KINDS;
  const parsed = parseLetteredNumber(input, {
    field,
    letters: SERIAL_KINDS,
    digits: PAYLOAD_DIGITS + 1,
    shapeFault: (typed) => {
      const other = describeOtherIdentifier(typed);
      return other ? `this is ${other}; ${enterHint(kinds)}` : shapeFault(kinds);
    },
    checkLetter: (letter) =>
      kinds.includes(letter as SerialKind)
        ? undefined
        : `this is ${withArticle(LETTER_NAMES[letter as SerialKind])} (${letter}…); ${enterHint(kinds)}`,
  });
  return parsed.ok ? { ok: true, value: parsed.value, kind: parsed.letter as SerialKind } : parsed;
}

/** True when `input` is a valid serial number of one of `kinds`, in any typed form. */
export function isSerialNumber(input: string, kinds?: readonly SerialKind[]): boolean {
  return parseSerialNumber(input, kinds ? { kinds } : {}).ok;
}

/**
 * A new serial number. `randomDigits` (exactly 9 digits) is for callers that allocate numbers
 * themselves; by default the 9 digits come from the system CSPRNG (uniform, 0–999 999 999).
 * Uniqueness is the database's job: store it under a unique constraint and retry on conflict.
 */
export function generateSerialNumber(kind: SerialKind, randomDigits?: string): string {
  if (!SERIAL_KINDS.includes(kind))
    throw new TypeError(`generateSerialNumber: unknown kind ${JSON.stringify(kind)}`);
  const digits = randomDigits ?? drawDigits(PAYLOAD_DIGITS);
  if (!/^[0-9]{9}$/.test(digits))
    throw new TypeError('generateSerialNumber: randomDigits must be exactly 9 digits');
  return `${kind}${digits}${dammCheckDigit(digits)}`;
}

/**
 * Display form of a serial number known to be valid (e.g. read back from storage); throws
 * otherwise. `grouped` spaces the digits for reading aloud (`M 3482 9156 73`); both forms parse.
 */
export function formatSerialNumber(serial: string, options: { grouped?: boolean } = {}): string {
  const parsed = parseSerialNumber(serial);
  if (!parsed.ok) throw new TypeError(`formatSerialNumber: not a valid serial number (${parsed.message})`);
  if (!options.grouped) return parsed.value;
  const digits = parsed.value.slice(1);
  return `${parsed.kind} ${digits.slice(0, 4)} ${digits.slice(4, 8)} ${digits.slice(8)}`;
}
