/**
 * Calendar dates (`YYYY-MM-DD`) as the portal stores them. Maintenance terms are whole days in
 * UTC: a contract ending on 2027-03-31 covers that day and is expired from 2027-04-01 on.
 */
export type CalendarDate = string;

const DAY_MS = 86_400_000;
const SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date in `YYYY-MM-DD` form (2027-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  if (!SHAPE.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00.000Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

/** The UTC calendar date of an instant: the day the reminder pass considers "today". */
export function dateOf(instant: Date): CalendarDate {
  return instant.toISOString().slice(0, 10);
}

function dayNumber(date: CalendarDate): number {
  const t = Date.parse(`${date}T00:00:00.000Z`);
  if (Number.isNaN(t) || !SHAPE.test(date)) throw new TypeError(`not a calendar date: ${JSON.stringify(date)}`);
  return t / DAY_MS;
}

/** `date` moved by `days` (negative moves back). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`: 0 on the same day, negative when `to` is earlier. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}
