import {
  contractState,
  daysLeft,
  decideReminder,
  EXPIRING_WITHIN_DAYS,
  maxLeadDays,
  planReminders,
  type CalendarDate,
  type ContractState,
  type ReminderSchedule,
} from '../../domain/reminders/index.js';

/**
 * The client's side of reminder planning. The rules are the portal's own (`src/domain/reminders`:
 * stages, only the most urgent due reminder, re-planning on renewal); this adds what only the
 * client has: the one-time manual alert, alert identities in the local state, and the exit status.
 */

/** What planning needs to know of a tracked contract. */
export interface PlannedContract {
  serialNumber: string;
  endsAt: CalendarDate;
  schedule: ReminderSchedule;
  /** Set for a contract entered by hand: its one alert, instead of the schedule. */
  manualAlertOn: CalendarDate | null;
  /** Superseded by a newer contract for the same licenses: nothing more to remind. */
  isRenewed: boolean;
}

/** A stage to raise: the portal's `90d`, `60d`, `30d`, `day-of`, `expired`, or the client's `manual`. */
export interface AlertStage {
  stage: string;
  dueOn: CalendarDate;
  /** Days before the end date (0 day-of, -1 expired); null for a manual alert. */
  daysBefore: number | null;
}

export type ExitStatus = 0 | 1 | 2;
export type { ContractState };

/**
 * An alert's identity: the contract, the end date it was planned from and the stage. Renewing a
 * contract (a later end date) therefore plans a fresh set of alerts, as the portal does.
 */
export function alertId(contract: Pick<PlannedContract, 'serialNumber' | 'endsAt'>, stage: AlertStage): string {
  return `${contract.serialNumber}/${contract.endsAt}/${stage.stage}`;
}

function manualStage(contract: PlannedContract): AlertStage | null {
  return contract.manualAlertOn === null ? null : { stage: 'manual', dueOn: contract.manualAlertOn, daysBefore: null };
}

/** The one alert to raise today, if any, and not raised yet. */
export function dueAlert(contract: PlannedContract, today: CalendarDate, raised: ReadonlySet<string>): AlertStage | undefined {
  if (contract.isRenewed) return undefined;
  const manual = manualStage(contract);
  const due = manual ? (manual.dueOn <= today ? manual : null) : decideReminder({ endsAt: contract.endsAt, renewed: false }, contract.schedule, today).due;
  return due && !raised.has(alertId(contract, due)) ? { stage: due.stage, dueOn: due.dueOn, daysBefore: due.daysBefore } : undefined;
}

/** The alert a person should expect next: one due now and not raised yet, or the next one ahead. */
export function nextAlert(contract: PlannedContract, today: CalendarDate, raised: ReadonlySet<string>): AlertStage | undefined {
  const now = dueAlert(contract, today, raised);
  if (now || contract.isRenewed) return now;
  const manual = manualStage(contract);
  if (manual) return manual.dueOn > today ? manual : undefined;
  const { nextOn } = decideReminder({ endsAt: contract.endsAt, renewed: false }, contract.schedule, today);
  const next = nextOn === null ? undefined : planReminders(contract.endsAt, contract.schedule).find((p) => p.dueOn === nextOn);
  return next ? { stage: next.stage, dueOn: next.dueOn, daysBefore: next.daysBefore } : undefined;
}

export function stateOf(contract: PlannedContract, today: CalendarDate): ContractState {
  return contractState({ endsAt: contract.endsAt, renewed: contract.isRenewed }, today);
}

/**
 * The monitoring-plugin reading of one contract (SPEC §11): 2 when it has expired; 1 when it is
 * within 90 days of its end (or inside a longer alert window of its schedule) or its manual alert
 * has fired; 0 otherwise. A renewed contract is 0: its successor carries the dates now.
 */
export function contractExitStatus(contract: PlannedContract, today: CalendarDate): ExitStatus {
  if (contract.isRenewed) return 0;
  const left = daysLeft(contract.endsAt, today);
  if (left < 0) return 2;
  if (left <= Math.max(EXPIRING_WITHIN_DAYS, maxLeadDays(contract.schedule))) return 1;
  if (contract.manualAlertOn !== null && contract.manualAlertOn <= today) return 1;
  return 0;
}

export function overallExitStatus(contracts: readonly PlannedContract[], today: CalendarDate): ExitStatus {
  return contracts.reduce<ExitStatus>((worst, c) => Math.max(worst, contractExitStatus(c, today)) as ExitStatus, 0);
}

function stageLabel(stage: AlertStage): string {
  if (stage.daysBefore === null) return 'manual alert';
  if (stage.daysBefore > 0) return `${stage.daysBefore}-day reminder`;
  return stage.daysBefore === 0 ? 'day-of reminder' : 'expiry notice';
}

/** The alert's sentence, as printed, logged, mailed and posted. */
export function alertMessage(contract: PlannedContract & { productName: string | null }, stage: AlertStage, today: CalendarDate): string {
  const what = `Maintenance contract ${contract.serialNumber}${contract.productName ? ` (${contract.productName})` : ''}`;
  const left = daysLeft(contract.endsAt, today);
  const when =
    left > 1 ? `ends on ${contract.endsAt}, in ${left} days` :
    left === 1 ? `ends tomorrow, ${contract.endsAt}` :
    left === 0 ? `ends today, ${contract.endsAt}` :
    `ended on ${contract.endsAt}, ${-left} day${left === -1 ? '' : 's'} ago`;
  return `${what} ${when} (${stageLabel(stage)}); renew it to keep maintenance and support.`;
}
