import { WEBHOOK_EVENT_TYPES, type TWebhookEventType } from '../../../contracts/webhooks.js';
import type { Store } from '../../db/store.js';
import { notFound } from '../../http/app-error.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { pageOf } from '../../platform/paging.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import type { WebhookDeliveries } from './webhook-deliveries.service.js';
import { newWebhookSecret } from './webhook-signing.js';
import { toDelivery, toEndpoint } from './webhook-views.js';
import { webhooksRepository } from './webhooks.repository.js';

/** After a rotation the old secret keeps signing this long, so receivers can switch without a gap. */
const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

interface EndpointInput {
  url?: string | undefined;
  description?: string | undefined;
  eventTypes?: TWebhookEventType[] | undefined;
  enabled?: boolean | undefined;
}

/** An account's webhook endpoints (account admins): create, change, delete, rotate, test. */
export class WebhookEndpointsService {
  constructor(private readonly deps: { store: Store; clock: Clock; audit: AuditLog; deliveries: WebhookDeliveries }) {}

  async create(ctx: RequestContext, accountId: string, input: EndpointInput & { url: string }) {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    const now = this.deps.clock.now();
    const secret = newWebhookSecret();
    const row = {
      id: newId('webhookEndpoint'),
      account_id: accountId,
      url: input.url,
      description: input.description ?? '',
      event_types: JSON.stringify(input.eventTypes ? [...new Set(input.eventTypes)] : WEBHOOK_EVENT_TYPES),
      secret,
      previous_secret: null,
      previous_secret_until: null,
      enabled: 1,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      deleted_at: null,
    };
    await this.deps.store.transaction(async (tx) => {
      await webhooksRepository.insertEndpoint(tx, row);
      await this.deps.audit.record(tx, ctx, { action: 'webhook_endpoint.created', accountId, partnerAccountId: access.partnerAccountId, targetType: 'webhook_endpoint', targetId: row.id, data: { url: row.url } });
    });
    return { ...toEndpoint(row, now), secret };
  }

  async list(ctx: RequestContext, accountId: string, opts: { cursor?: string | undefined; limit: number }) {
    authorize(ctx.actor, 'account.read', accountId);
    const rows = await webhooksRepository.listEndpoints(this.deps.store.db, accountId, { after: opts.cursor, limit: opts.limit + 1 });
    const now = this.deps.clock.now();
    return pageOf(rows.map((r) => toEndpoint(r, now)), opts.limit, (e) => e.id);
  }

  async update(ctx: RequestContext, accountId: string, endpointId: string, input: EndpointInput) {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const changed = await webhooksRepository.updateEndpoint(tx, accountId, endpointId, {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.eventTypes !== undefined ? { event_types: JSON.stringify([...new Set(input.eventTypes)]) } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled ? 1 : 0 } : {}),
        updated_at: now.toISOString(),
      });
      if (!changed) throw notFound('webhook endpoint');
      await this.deps.audit.record(tx, ctx, { action: 'webhook_endpoint.updated', accountId, partnerAccountId: access.partnerAccountId, targetType: 'webhook_endpoint', targetId: endpointId, data: { ...input } });
      return toEndpoint((await webhooksRepository.findEndpoint(tx, accountId, endpointId))!, now);
    });
  }

  /** Deleted endpoints stop receiving; their delivery log stays readable. */
  async remove(ctx: RequestContext, accountId: string, endpointId: string): Promise<void> {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    const now = this.deps.clock.now().toISOString();
    await this.deps.store.transaction(async (tx) => {
      if (!(await webhooksRepository.updateEndpoint(tx, accountId, endpointId, { deleted_at: now, enabled: 0, updated_at: now }))) throw notFound('webhook endpoint');
      await this.deps.audit.record(tx, ctx, { action: 'webhook_endpoint.deleted', accountId, partnerAccountId: access.partnerAccountId, targetType: 'webhook_endpoint', targetId: endpointId });
    });
  }

  /** A new secret signs from now on; the old one also signs for a day, so receivers switch without a gap. */
  async rotateSecret(ctx: RequestContext, accountId: string, endpointId: string) {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    const now = this.deps.clock.now();
    const secret = newWebhookSecret();
    return this.deps.store.transaction(async (tx) => {
      const current = await webhooksRepository.findEndpoint(tx, accountId, endpointId);
      if (!current) throw notFound('webhook endpoint');
      const until = new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString();
      await webhooksRepository.updateEndpoint(tx, accountId, endpointId, { secret, previous_secret: current.secret, previous_secret_until: until, updated_at: now.toISOString() });
      await this.deps.audit.record(tx, ctx, { action: 'webhook_endpoint.secret_rotated', accountId, partnerAccountId: access.partnerAccountId, targetType: 'webhook_endpoint', targetId: endpointId, data: { previousSecretValidUntil: until } });
      return { ...toEndpoint((await webhooksRepository.findEndpoint(tx, accountId, endpointId))!, now), secret };
    });
  }

  /** Queues a `webhook.test` event to the endpoint; the worker sends it like any other. */
  async sendTest(ctx: RequestContext, accountId: string, endpointId: string) {
    authorize(ctx.actor, 'account.manage', accountId);
    const now = this.deps.clock.now();
    const deliveryId = await this.deps.store.transaction(async (tx) => {
      const endpoint = await webhooksRepository.findEndpoint(tx, accountId, endpointId);
      if (!endpoint || endpoint.enabled !== 1) throw notFound('enabled webhook endpoint');
      const [queued] = await this.deps.deliveries.emit(tx, [{ accountId, type: 'webhook.test', endpointId, data: { accountId, message: 'a test event from the licensing portal', at: now.toISOString() } }]);
      return queued!.deliveryId;
    });
    return toDelivery((await webhooksRepository.findDelivery(this.deps.store.db, accountId, deliveryId))!);
  }
}
