import { performance } from 'node:perf_hooks';
import type { TWebhookEventType } from '../../../contracts/webhooks.js';
import type { Db } from '../../db/database.js';
import type { Store } from '../../db/store.js';
import { notFound } from '../../http/app-error.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { pageOf } from '../../platform/paging.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import type { JobQueue } from '../jobs/jobs.service.js';
import { retryDelaySeconds } from '../outbox/outbox.service.js';
import { signedHeaders } from './webhook-signing.js';
import { toDelivery } from './webhook-views.js';
import type { WebhookDeliveriesTable } from './webhooks.table.js';
import { webhooksRepository } from './webhooks.repository.js';

export const WEBHOOK_JOB = 'webhook.deliver';
/** Attempts over about a day and a half (30 s doubling, capped at an hour) before giving up. */
export const WEBHOOK_MAX_ATTEMPTS = 12;
const TIMEOUT_MS = 10_000;

export interface WebhookEvent {
  accountId: string;
  type: TWebhookEventType;
  data: Record<string, unknown>;
  reminderId?: string | null;
  /** Only to this endpoint (a test), whatever event types it subscribed to. */
  endpointId?: string;
}

export interface QueuedDelivery {
  event: number;
  deliveryId: string;
  url: string;
}

/**
 * Webhook deliveries: an event becomes one delivery per subscribed endpoint, written with the
 * change that caused it, and a job that sends it, signed the Standard Webhooks way. A failed
 * attempt is retried with back-off under the same `webhook-id`, so a receiver that got it after
 * all can drop the repeat.
 */
export class WebhookDeliveries {
  constructor(private readonly deps: { store: Store; clock: Clock; jobs: JobQueue }) {}

  /** Inside the caller's transaction. Answers the deliveries queued, by index of the event. */
  async emit(tx: Db, events: WebhookEvent[]): Promise<QueuedDelivery[]> {
    if (events.length === 0) return [];
    const endpoints = await webhooksRepository.enabledEndpointsOf(tx, [...new Set(events.map((e) => e.accountId))]);
    if (endpoints.length === 0) return [];
    const now = this.deps.clock.now();
    const rows: WebhookDeliveriesTable[] = [];
    const queued: QueuedDelivery[] = [];
    events.forEach((event, index) => {
      for (const endpoint of endpoints) {
        if (endpoint.account_id !== event.accountId) continue;
        if (event.endpointId ? endpoint.id !== event.endpointId : !(JSON.parse(endpoint.event_types) as string[]).includes(event.type)) continue;
        const id = newId('webhookDelivery');
        const payload = JSON.stringify({ type: event.type, timestamp: now.toISOString(), data: event.data });
        rows.push({
          id,
          endpoint_id: endpoint.id,
          account_id: event.accountId,
          reminder_id: event.reminderId ?? null,
          event_type: event.type,
          message_id: newId('msg'),
          payload,
          status: 'queued',
          attempts: 0,
          last_status_code: null,
          last_error: null,
          next_attempt_at: now.toISOString(),
          created_at: now.toISOString(),
          delivered_at: null,
        });
        queued.push({ event: index, deliveryId: id, url: endpoint.url });
      }
    });
    await webhooksRepository.insertDeliveries(tx, rows);
    for (const row of rows) {
      await this.deps.jobs.enqueue(tx, WEBHOOK_JOB, { deliveryId: row.id, accountId: row.account_id }, { uniqueKey: `webhook:${row.id}`, maxAttempts: WEBHOOK_MAX_ATTEMPTS + 1 });
    }
    return queued;
  }

  /** The job: one attempt. Throws to have the job queue retry it later. */
  async deliver(payload: unknown, now: Date): Promise<void> {
    const { deliveryId, accountId } = payload as { deliveryId: string; accountId: string };
    const { db } = this.deps.store;
    const delivery = await webhooksRepository.findDelivery(db, accountId, deliveryId);
    if (!delivery || delivery.status !== 'queued') return;
    const endpoint = await webhooksRepository.findEndpoint(db, accountId, delivery.endpoint_id);
    const attempt = delivery.attempts + 1;
    // The signature's timestamp is when the request leaves, on the wall clock the receiver checks it against.
    const sentAt = new Date();
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    if (!endpoint || endpoint.enabled !== 1) error = 'the endpoint was disabled or deleted';
    else {
      const secrets = [endpoint.secret, ...(endpoint.previous_secret && endpoint.previous_secret_until && endpoint.previous_secret_until > now.toISOString() ? [endpoint.previous_secret] : [])];
      try {
        const response = await fetch(endpoint.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'licensing-portal-webhooks/1', ...signedHeaders(delivery.message_id, sentAt, delivery.payload, secrets) },
          body: delivery.payload,
          redirect: 'manual',
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        statusCode = response.status;
        await response.body?.cancel();
        if (statusCode < 200 || statusCode > 299) error = `the endpoint answered ${statusCode}`;
      } catch (e) {
        error = e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e);
      }
    }
    const finished = error === null || attempt >= WEBHOOK_MAX_ATTEMPTS || !endpoint || endpoint.enabled !== 1;
    const at = this.deps.clock.now().toISOString();
    await this.deps.store.transaction((tx) =>
      webhooksRepository.recordAttempt(
        tx,
        { id: newId('webhookAttempt'), delivery_id: delivery.id, at, status_code: statusCode, error, duration_ms: Math.round(performance.now() - started) },
        {
          status: error === null ? 'delivered' : finished ? 'failed' : 'queued',
          attempts: attempt,
          last_status_code: statusCode,
          last_error: error,
          next_attempt_at: finished ? null : new Date(now.getTime() + retryDelaySeconds(attempt) * 1000).toISOString(),
          delivered_at: error === null ? at : null,
        },
      ),
    );
    if (!finished) throw new Error(error ?? 'webhook attempt failed');
  }

  async list(ctx: RequestContext, accountId: string, opts: { endpointId?: string | undefined; status?: WebhookDeliveriesTable['status'] | undefined; cursor?: string | undefined; limit: number }) {
    authorize(ctx.actor, 'account.read', accountId);
    const rows = await webhooksRepository.listDeliveries(this.deps.store.db, accountId, { ...opts, before: opts.cursor, limit: opts.limit + 1 });
    return pageOf(rows.map(toDelivery), opts.limit, (d) => d.id);
  }

  async get(ctx: RequestContext, accountId: string, deliveryId: string) {
    authorize(ctx.actor, 'account.read', accountId);
    const { db } = this.deps.store;
    const row = await webhooksRepository.findDelivery(db, accountId, deliveryId);
    if (!row) throw notFound('webhook delivery');
    const attempts = await webhooksRepository.attemptsOf(db, row.id);
    return {
      ...toDelivery(row),
      payload: JSON.parse(row.payload) as unknown,
      attemptLog: attempts.map((a) => ({ at: a.at, statusCode: a.status_code, error: a.error, durationMs: a.duration_ms })),
    };
  }
}
