import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ensurePrivateDir } from './atomic-file.js';
import type { ClientConfig, EmailSettings, WebhookSettings } from './config.js';
import type { Delivery, RaisedAlert } from './state.js';

/** The deliveries a newly raised alert needs under this configuration. */
export function deliveriesFor(config: ClientConfig): Delivery[] {
  return ['log', ...(config.notify.webhook ? (['webhook'] as const) : []), ...(config.notify.email ? (['email'] as const) : [])];
}

/** A pending delivery whose channel was switched off since is dropped, not retried for ever. */
export function stillConfigured(delivery: Delivery, config: ClientConfig): boolean {
  return delivery === 'log' || (delivery === 'webhook' ? config.notify.webhook !== null : config.notify.email !== null);
}

/** The id receivers see (webhook-id, Message-ID): the same on a retry, so a duplicate can be told. */
export function deliveryId(alert: Pick<RaisedAlert, 'id'>): string {
  return `ra_${createHash('sha256').update(alert.id).digest('hex').slice(0, 32)}`;
}

export function logLine(alert: RaisedAlert): string {
  return `${alert.raisedAt} [${alert.id}] ${alert.message}\n`;
}

/**
 * Append the alerts to `alerts.log`, each unless it is there already: a run killed between
 * appending and recording the append must not log an alert twice when the next run finishes the
 * delivery. One read, one append and one fsync for the lot.
 */
export async function appendToAlertsLog(path: string, alerts: readonly RaisedAlert[]): Promise<void> {
  if (alerts.length === 0) return;
  ensurePrivateDir(dirname(path));
  const existing = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const missing = alerts.filter((alert) => !existing.includes(` [${alert.id}] `));
  if (missing.length === 0) return;
  const file = await open(path, 'a', 0o600);
  try {
    // A crash mid-append leaves at most a partial last line; the next append starts on a new line.
    const prefix = existing !== '' && !existing.endsWith('\n') ? '\n' : '';
    await file.write(prefix + missing.map(logLine).join(''));
    await file.sync();
  } finally {
    await file.close();
  }
}

export function webhookBody(alert: RaisedAlert): string {
  const { id, serialNumber, stage, endsAt, dueOn, raisedAt, message } = alert;
  return JSON.stringify({ type: 'renewal_assistant.alert', timestamp: raisedAt, data: { alertId: id, serialNumber, stage, endsAt, dueOn, message } });
}

/** POST the alert; signed the Standard Webhooks way when a secret is configured. */
export async function postWebhook(settings: WebhookSettings, alert: RaisedAlert): Promise<void> {
  const body = webhookBody(alert);
  const msgId = deliveryId(alert);
  // The signature's timestamp is the real sending time: receivers reject stale timestamps.
  const sentAt = new Date();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
  };
  if (settings.secret) {
    const { Webhook } = await import('standardwebhooks');
    headers['webhook-signature'] = new Webhook(settings.secret).sign(msgId, sentAt, body);
  }
  let response: Response;
  try {
    response = await fetch(settings.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : (error as Error).message;
    throw new Error(`webhook ${settings.url}: ${cause}`);
  }
  if (!response.ok) throw new Error(`webhook ${settings.url} answered ${response.status}`);
}

export async function sendEmail(settings: EmailSettings, alert: RaisedAlert): Promise<void> {
  // Loaded on demand: most runs send no mail, and every run pays for what it imports.
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport(settings.smtpUrl);
  try {
    await transport.sendMail({
      from: settings.from,
      to: settings.to,
      subject: `Renewal reminder: ${alert.serialNumber} ends on ${alert.endsAt}`,
      text: `${alert.message}\n\nAlert ${alert.id}, raised ${alert.raisedAt} by renewal-assistant.\n`,
      messageId: `<${deliveryId(alert)}@renewal-assistant>`,
    });
  } catch (error) {
    throw new Error(`e-mail via ${new URL(settings.smtpUrl).host}: ${(error as Error).message}`);
  } finally {
    transport.close();
  }
}
