import { alertId, alertMessage, dueAlert } from './alert-plan.js';
import type { ClientConfig } from './config.js';
import { deliveriesFor } from './deliver.js';
import { planned, raisedIds, type ClientState, type RaisedAlert } from './state.js';

/**
 * Record every alert due today as raised, with the deliveries it still needs. The caller saves the
 * result before delivering anything: once saved, an alert is never raised again, whatever happens
 * to this run; what it has not delivered yet is finished by the next run.
 */
export function raiseDueAlerts(state: ClientState, config: ClientConfig, today: string, now: string): { state: ClientState; raised: RaisedAlert[] } {
  const already = raisedIds(state);
  const raised: RaisedAlert[] = [];
  for (const contract of state.contracts) {
    const plan = planned(contract);
    const stage = dueAlert(plan, today, already);
    if (!stage) continue;
    raised.push({
      id: alertId(plan, stage),
      serialNumber: contract.serialNumber,
      stage: stage.stage,
      endsAt: contract.endsAt,
      dueOn: stage.dueOn,
      raisedAt: now,
      message: alertMessage(plan, stage, today),
      pending: deliveriesFor(config),
      lastError: null,
    });
  }
  return { state: raised.length ? { ...state, alerts: [...state.alerts, ...raised] } : state, raised };
}
