export { addDays, dateOf, daysBetween, isCalendarDate, type CalendarDate } from './calendar-date.js';
export { DEFAULT_SCHEDULE, MAX_LEAD_DAYS, maxLeadDays, normalizeSchedule, type ReminderSchedule, type ScheduleResult } from './schedule.js';
export { EXPIRED_NOTICE_WINDOW_DAYS, decideReminder, planReminders, stageOf, type PlannedReminder, type ReminderDecision } from './plan.js';
export { EXPIRING_WITHIN_DAYS, checkRenewal, contractState, daysLeft, type ContractState, type RenewalCheck } from './contract-state.js';
