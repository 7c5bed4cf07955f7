import { daysLeft } from '../../domain/reminders/index.js';
import { contractExitStatus, nextAlert, overallExitStatus, stateOf, type ContractState, type ExitStatus } from './alert-plan.js';
import type { Paint } from './output.js';
import { planned, raisedIds, type ClientState, type ContractSource } from './state.js';

/** One contract as `list` and `check` show it, and as `--json` hands it to scripts. */
export interface ContractReport {
  serialNumber: string;
  product: string | null;
  productSku: string | null;
  startsAt: string | null;
  endsAt: string;
  daysLeft: number;
  state: ContractState;
  source: ContractSource;
  nextAlert: { stage: string; dueOn: string } | null;
  status: ExitStatus;
}

export const STATUS_WORDS = ['OK', 'WARNING', 'CRITICAL'] as const;

export function reportContracts(state: ClientState, today: string): ContractReport[] {
  const raised = raisedIds(state);
  return state.contracts.map((contract) => {
    const plan = planned(contract);
    const next = nextAlert(plan, today, raised);
    return {
      serialNumber: contract.serialNumber,
      product: contract.productName,
      productSku: contract.productSku,
      startsAt: contract.startsAt,
      endsAt: contract.endsAt,
      daysLeft: daysLeft(contract.endsAt, today),
      state: stateOf(plan, today),
      source: contract.source,
      nextAlert: next ? { stage: next.stage, dueOn: next.dueOn } : null,
      status: contractExitStatus(plan, today),
    };
  });
}

export function exitStatusOf(state: ClientState, today: string): ExitStatus {
  return overallExitStatus(state.contracts.map(planned), today);
}

/** The monitoring-plugin status line: `RENEWALS WARNING - M3482915673 ends in 45 days`. */
export function statusLine(reports: readonly ContractReport[], status: ExitStatus): string {
  const head = `RENEWALS ${STATUS_WORDS[status]}`;
  if (reports.length === 0) return `${head} - no contracts tracked yet`;
  if (status === 0) return `${head} - ${reports.length} contract${reports.length === 1 ? '' : 's'}, none inside its alert window`;
  const worst = reports.filter((r) => r.status === status);
  const said = worst.map((r) => (r.daysLeft < 0 ? `${r.serialNumber} expired on ${r.endsAt}` : `${r.serialNumber} ends in ${r.daysLeft} day${r.daysLeft === 1 ? '' : 's'}`));
  return `${head} - ${said.join(', ')}`;
}

export function paintState(paint: Paint, state: ContractState): string {
  return state === 'expired' ? paint.red(state) : state === 'expiring' ? paint.yellow(state) : state === 'renewed' ? paint.dim(state) : paint.green(state);
}

export function contractRows(paint: Paint, reports: readonly ContractReport[], today: string): { headers: string[]; rows: string[][]; right: number[] } {
  return {
    headers: ['SERIAL', 'PRODUCT', 'ENDS', 'DAYS LEFT', 'STATE', 'SOURCE', 'NEXT ALERT'],
    rows: reports.map((r) => [
      r.serialNumber,
      r.product ?? paint.dim('—'),
      r.endsAt,
      String(r.daysLeft),
      paintState(paint, r.state),
      r.source,
      r.nextAlert ? (r.nextAlert.dueOn <= today ? paint.yellow(`${r.nextAlert.stage} due now`) : `${r.nextAlert.stage} on ${r.nextAlert.dueOn}`) : paint.dim('—'),
    ]),
    right: [3],
  };
}
