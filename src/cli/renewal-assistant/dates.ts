import { isCalendarDate } from '../../domain/reminders/index.js';
import { invalidInput } from './errors.js';

/** A date typed on the command line, checked as the portal checks dates (`YYYY-MM-DD`, UTC days). */
export function parseCalendarDate(value: string, option: string): string {
  const trimmed = value.trim();
  if (!isCalendarDate(trimmed)) throw invalidInput(`${option}: ${JSON.stringify(value)} is not a date; write it as YYYY-MM-DD, e.g. 2027-03-31`);
  return trimmed;
}

/**
 * The clock of this run: `--now` or `RENEWAL_ASSISTANT_NOW` (a date or a timestamp), else the
 * system clock. Only the tests and a person rehearsing alerts move it.
 */
export function resolveNow(option: string | undefined, env: string | undefined): Date {
  const given = option ?? env;
  if (given === undefined || given.trim() === '') return new Date();
  const text = given.trim();
  const instant = new Date(isCalendarDate(text) ? `${text}T12:00:00Z` : text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(instant.getTime())) {
    const source = option !== undefined ? '--now' : 'RENEWAL_ASSISTANT_NOW';
    throw invalidInput(`${source}: ${JSON.stringify(given)} is not a date or an ISO 8601 timestamp`);
  }
  return instant;
}
