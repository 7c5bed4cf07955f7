import { dammCheckDigit } from './damm.js';
import { parseLetteredNumber, randomDigits as drawDigits } from './lettered-number.js';
import { describeOtherIdentifier } from './recognize.js';
import type { IdentifierResult } from './result.js';

/**
 * Upgrade notification IDs: `N` + 9 digits + their Damm check digit, e.g. `N0000012340`; one
 * per account and upgrade campaign. Read exactly like serial numbers.
 */
export const NOTIFICATION_LETTER = 'N';
const PAYLOAD_DIGITS = 9;
const SHAPE = `must be the letter N followed by ${PAYLOAD_DIGITS + 1} digits`;
const ENTER_HINT = 'enter the upgrade notification ID (N…) from the upgrade notification';

export type NotificationIdResult = IdentifierResult<{ value: string }>;

/** Read a typed notification ID (case, spaces, dashes, O/I/L in the digits do not matter). */
export function parseNotificationId(input: string, options: { field?: string } = {}): NotificationIdResult {
  const parsed = parseLetteredNumber(input, {
    field: options.field ?? 'notificationId',
    letters: [NOTIFICATION_LETTER],
    digits: PAYLOAD_DIGITS + 1,
    shapeFault: (typed) => {
      const other = describeOtherIdentifier(typed);
      return other ? `this is ${other}; ${ENTER_HINT}` : SHAPE;
    },
  });
  return parsed.ok ? { ok: true, value: parsed.value } : parsed;
}

/** A new notification ID; `randomDigits` (exactly 9 digits) as for serial numbers. */
export function generateNotificationId(randomDigits?: string): string {
  const digits = randomDigits ?? drawDigits(PAYLOAD_DIGITS);
  if (!/^[0-9]{9}$/.test(digits))
    throw new TypeError('generateNotificationId: randomDigits must be exactly 9 digits');
  return `${NOTIFICATION_LETTER}${digits}${dammCheckDigit(digits)}`;
}

/** Display form of a notification ID known to be valid; throws otherwise. */
export function formatNotificationId(id: string): string {
  const parsed = parseNotificationId(id);
  if (!parsed.ok)
    throw new TypeError(`formatNotificationId: not a valid notification ID (${parsed.message})`);
  return parsed.value;
}
