import type { ClientConfig } from './config.js';
import type { CommandContext } from './context.js';
import { appendToAlertsLog, postWebhook, sendEmail, stillConfigured } from './deliver.js';
import type { ClientState, Delivery, RaisedAlert } from './state.js';

/**
 * Finish every delivery still pending. The log comes first, for all alerts at once (an alert counts
 * as shown once it is in `alerts.log`), then one save. Webhooks and e-mails follow alert by alert,
 * with a save after each, so a run killed half-way repeats as few as possible. A failed webhook or
 * e-mail stays pending for the next run; the alert itself is never raised again.
 */
export async function deliverPending(
  ctx: CommandContext,
  config: ClientConfig,
  state: ClientState,
  save: (next: ClientState) => Promise<void>,
): Promise<{ state: ClientState; shown: RaisedAlert[]; failures: string[] }> {
  let current = dropUnconfigured(state, config);
  const shown = current.alerts.filter((a) => a.pending.includes('log'));
  if (shown.length > 0) {
    await appendToAlertsLog(ctx.paths.alertsLog, shown);
    current = { ...current, alerts: current.alerts.map((a) => (a.pending.includes('log') ? { ...a, pending: a.pending.filter((d) => d !== 'log') } : a)) };
  }
  if (current !== state) await save(current);

  const failures: string[] = [];
  for (const alert of current.alerts) {
    if (alert.pending.length === 0) continue;
    const remaining: Delivery[] = [];
    let lastError: string | null = null;
    for (const delivery of alert.pending) {
      try {
        if (delivery === 'webhook') await postWebhook(config.notify.webhook!, alert);
        else if (delivery === 'email') await sendEmail(config.notify.email!, alert);
      } catch (error) {
        lastError = (error as Error).message;
        failures.push(`${alert.id}: ${lastError}`);
        remaining.push(delivery);
      }
    }
    const updated: RaisedAlert = { ...alert, pending: remaining, lastError };
    current = { ...current, alerts: current.alerts.map((a) => (a.id === alert.id ? updated : a)) };
    await save(current);
  }
  return { state: current, shown, failures };
}

/** A channel switched off since the alert was raised is not retried for ever. */
function dropUnconfigured(state: ClientState, config: ClientConfig): ClientState {
  if (state.alerts.every((a) => a.pending.every((d) => stillConfigured(d, config)))) return state;
  return { ...state, alerts: state.alerts.map((a) => ({ ...a, pending: a.pending.filter((d) => stillConfigured(d, config)) })) };
}
