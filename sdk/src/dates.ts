const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/** True for `2027-03-31` or a timestamp with `Z` or an offset: the forms the portal writes. */
export function isIsoDate(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    (DATE_ONLY.test(value) || TIMESTAMP.test(value)) &&
    !Number.isNaN(Date.parse(value))
  );
}

/**
 * The instant a date field starts to hold. A calendar date starts at 00:00 UTC that day;
 * with `endOfDay`, a calendar date holds through its last millisecond, so the instant returned
 * is 00:00 UTC the next day (a license "expiring 2027-03-31" works all of that day).
 */
export function instantOf(value: string, endOfDay = false): number {
  const parsed = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  return DATE_ONLY.test(value) && endOfDay ? parsed + DAY_MS : parsed;
}
