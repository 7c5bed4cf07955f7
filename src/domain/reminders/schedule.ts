import type { ContractSchedule } from '../signing/contract-file.js';

/**
 * An account's reminder schedule (SPEC §11): lead days before the end date, plus optional notices
 * on the end date itself and once the contract has expired. The same shape is signed into
 * contract files, so the Renewal Assistant plans exactly what the portal sends.
 */
export type ReminderSchedule = ContractSchedule;

export const DEFAULT_SCHEDULE: Readonly<ReminderSchedule> = Object.freeze({ leadDays: [90, 60, 30], dayOf: false, expired: false });

/** A reminder can be asked for at most a year ahead; more lead days would be noise, not help. */
export const MAX_LEAD_DAYS = 365;
export const MAX_LEAD_ENTRIES = 12;

export type ScheduleResult = { ok: true; schedule: ReminderSchedule } | { ok: false; field: string; message: string };

/**
 * Checks and normalizes a schedule: lead days are whole days from 1 to 365, each once, most
 * distant first. An empty schedule is allowed only with a day-of or expired notice.
 */
export function normalizeSchedule(input: { leadDays: readonly number[]; dayOf: boolean; expired: boolean }): ScheduleResult {
  const bad = input.leadDays.findIndex((d) => !Number.isInteger(d) || d < 1 || d > MAX_LEAD_DAYS);
  if (bad >= 0) return { ok: false, field: `leadDays.${bad}`, message: `must be a whole number of days from 1 to ${MAX_LEAD_DAYS}` };
  const leadDays = [...new Set(input.leadDays)].sort((a, b) => b - a);
  if (leadDays.length > MAX_LEAD_ENTRIES) return { ok: false, field: 'leadDays', message: `at most ${MAX_LEAD_ENTRIES} reminders before the end date` };
  if (leadDays.length === 0 && !input.dayOf && !input.expired) {
    return { ok: false, field: 'leadDays', message: 'choose at least one reminder (lead days, day-of or expired)' };
  }
  return { ok: true, schedule: { leadDays, dayOf: input.dayOf, expired: input.expired } };
}

/** The furthest a schedule looks ahead: the first day on which any of its reminders can be due. */
export function maxLeadDays(schedule: ReminderSchedule): number {
  return schedule.leadDays.reduce((a, b) => Math.max(a, b), 0);
}
