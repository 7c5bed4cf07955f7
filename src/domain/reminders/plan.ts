import { addDays, type CalendarDate } from './calendar-date.js';
import type { ReminderSchedule } from './schedule.js';

/** How long after the end date an "expired" notice is still worth sending (e.g. after an outage). */
export const EXPIRED_NOTICE_WINDOW_DAYS = 30;

/**
 * One reminder of a contract's plan. `stage` names it within the end date (`90d`, `day-of`,
 * `expired`); with the contract and the end date it is the reminder's identity, so a renewal
 * (a new end date) plans fresh reminders while the ones already sent stay in history.
 */
export interface PlannedReminder {
  stage: string;
  /** Days before the end date: the lead days, 0 for day-of, -1 for expired. Smaller is more urgent. */
  daysBefore: number;
  /** The day it becomes due. */
  dueOn: CalendarDate;
  /** The last day it is still worth sending; after that a later stage, or nothing, replaces it. */
  lastOn: CalendarDate;
}

export const stageOf = (daysBefore: number): string => (daysBefore > 0 ? `${daysBefore}d` : daysBefore === 0 ? 'day-of' : 'expired');

/** Every reminder a schedule gives an end date, least urgent first. */
export function planReminders(endsAt: CalendarDate, schedule: ReminderSchedule): PlannedReminder[] {
  const offsets = [...new Set(schedule.leadDays)].filter((d) => d > 0);
  if (schedule.dayOf) offsets.push(0);
  if (schedule.expired) offsets.push(-1);
  return offsets
    .sort((a, b) => b - a)
    .map((daysBefore) => ({
      stage: stageOf(daysBefore),
      daysBefore,
      dueOn: addDays(endsAt, -daysBefore),
      // Reminders before the end are pointless once it has passed; the expired notice keeps a window.
      lastOn: daysBefore >= 0 ? endsAt : addDays(endsAt, EXPIRED_NOTICE_WINDOW_DAYS),
    }));
}

export interface ReminderDecision {
  /** The reminder to send now, if any: only ever the most urgent one that is due. */
  due: PlannedReminder | null;
  /** The next day on which a reminder becomes due; null when the plan has nothing more. */
  nextOn: CalendarDate | null;
}

/**
 * What the reminder pass does with a contract today. Only the most urgent due reminder is sent:
 * a contract recorded with 45 days left gets its 60-day reminder, not also the 90-day one, and a
 * pass that runs after an outage catches up with one reminder, not a burst. Because the most
 * urgent due stage only moves towards the end date, a stage once passed over is never sent later.
 * A superseded (renewed) contract has nothing to send.
 */
export function decideReminder(contract: { endsAt: CalendarDate; renewed: boolean }, schedule: ReminderSchedule, today: CalendarDate): ReminderDecision {
  if (contract.renewed) return { due: null, nextOn: null };
  const plan = planReminders(contract.endsAt, schedule);
  let due: PlannedReminder | null = null;
  let nextOn: CalendarDate | null = null;
  for (const reminder of plan) {
    if (reminder.dueOn <= today) due = reminder;
    else {
      nextOn = reminder.dueOn;
      break;
    }
  }
  if (due && today > due.lastOn) due = null;
  return { due, nextOn };
}
