import { randomCrockford, groupChars, type TypedChar } from './crockford.js';
import { parseCrockfordCode } from './crockford-code.js';
import { luhn32CheckChar } from './luhn32.js';
import type { IdentifierResult } from './result.js';

/**
 * Voucher codes: `V-` + 4 groups of 4 Crockford characters, 15 random (75 bits) and a Luhn
 * mod 32 check character, e.g. `V-7K2M-Q9ZD-4HXA-0P39`. The check (see luhn32.ts) catches every
 * single mistyped character and every swap of neighbours except `0` ↔ `Z`.
 */
export const VOUCHER_PREFIX = 'V-';
export const VOUCHER_RANDOM_CHARS = 15;
const BODY_LENGTH = VOUCHER_RANDOM_CHARS + 1;

export type VoucherCodeResult = IdentifierResult<{ value: string }>;

/** `V` is also a body character: a leading `V` is surely the prefix only when one char too many. */
function stripExtraV(chars: TypedChar[]): TypedChar[] {
  return chars.length === BODY_LENGTH + 1 && chars[0]?.char === 'V' ? chars.slice(1) : chars;
}

/** Typed as `V-…` or `v …`: looks like the prefix, whatever the length. */
const SEPARATED_V = /^[\s\p{Pd}]*v[\s\p{Pd}\u2212]/iu;

/**
 * Read a typed voucher code: the `V-` prefix is optional, case, spaces and dashes do not matter,
 * `I`/`L` read as `1` and `O` as `0`. Answers the canonical `V-XXXX-XXXX-XXXX-XXXX`.
 * A valid reading always wins; when none is valid and the input starts `V-`, the fault is
 * reported without the `V`, so a missing character reads "has 15 characters, needs 16".
 */
export function parseVoucherCode(input: string, options: { field?: string } = {}): VoucherCodeResult {
  const spec = { field: options.field ?? 'code', length: BODY_LENGTH, shape: 'V- and 4 groups of 4' };
  let parsed = parseCrockfordCode(input, { ...spec, stripPrefix: stripExtraV });
  if (!parsed.ok && SEPARATED_V.test(input)) {
    parsed = parseCrockfordCode(input, { ...spec, stripPrefix: (chars) => chars.slice(1) });
  }
  return parsed.ok ? { ok: true, value: formatVoucherBody(parsed.body) } : parsed;
}

/** A new voucher code from the system CSPRNG. */
export function generateVoucherCode(): string {
  const payload = randomCrockford(VOUCHER_RANDOM_CHARS);
  return formatVoucherBody(payload + luhn32CheckChar(payload));
}

/** `7K2MQ9ZD4HXA0P39` → `V-7K2M-Q9ZD-4HXA-0P39`. */
export function formatVoucherBody(body: string): string {
  return VOUCHER_PREFIX + groupChars(body, 4);
}

/** Display form of a voucher code known to be valid (e.g. read back from storage); throws otherwise. */
export function formatVoucherCode(code: string): string {
  const parsed = parseVoucherCode(code);
  if (!parsed.ok) throw new TypeError(`formatVoucherCode: not a valid voucher code (${parsed.message})`);
  return parsed.value;
}
