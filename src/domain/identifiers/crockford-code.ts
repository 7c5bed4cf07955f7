import { compactTypedInput, toCrockfordChars, type TypedChar } from './crockford.js';
import { isLuhn32Valid } from './luhn32.js';
import { identifierFailure, type IdentifierResult } from './result.js';

/** How to read one family of grouped Crockford codes ending in a Luhn mod 32 check character. */
export type CrockfordCodeSpec = {
  field: string;
  /** Characters in the code, check character included. */
  length: number;
  /** What the length fault names, e.g. `V- and 4 groups of 4`. */
  shape: string;
  /** Drops an optional typed prefix (e.g. `V`) once it is known to be one. */
  stripPrefix?: (chars: TypedChar[]) => TypedChar[];
};

/**
 * Parse a grouped Crockford code. Faults in the order a person fixes them: a character that is
 * never part of a code, the count of characters, then the check character.
 * Returns the body without prefix or separators; the caller formats it.
 */
export function parseCrockfordCode(
  input: string,
  spec: CrockfordCodeSpec,
): IdentifierResult<{ body: string }> {
  let typed = compactTypedInput(input);
  if (spec.stripPrefix) typed = spec.stripPrefix(typed);
  const chars = toCrockfordChars(typed, spec.field);
  if (!chars.ok) return chars;
  const body = chars.value;
  if (body.length !== spec.length) {
    return identifierFailure(
      spec.field,
      `has ${body.length} character${body.length === 1 ? '' : 's'}, needs ${spec.length} (${spec.shape})`,
    );
  }
  if (!isLuhn32Valid(body)) {
    return identifierFailure(spec.field, 'check character does not match — look for a mistyped character');
  }
  return { ok: true, body };
}
