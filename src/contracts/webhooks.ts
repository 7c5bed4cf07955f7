import { z } from 'zod';
import { ZIdParam, ZPageQuery, ZTimestamp, page } from './common.js';

/** The events an endpoint can receive. */
export const WEBHOOK_EVENT_TYPES = ['maintenance.reminder', 'maintenance.renewed', 'webhook.test'] as const;
export const ZWebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);
export type TWebhookEventType = z.infer<typeof ZWebhookEventType>;

const ZWebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' }));

export const ZWebhookEndpointCreate = z.object({
  url: ZWebhookUrl,
  description: z.string().trim().max(200).optional(),
  eventTypes: z.array(ZWebhookEventType).min(1).max(WEBHOOK_EVENT_TYPES.length).optional().describe('all events when absent'),
});
export const ZWebhookEndpointUpdate = z.object({
  url: ZWebhookUrl.optional(),
  description: z.string().trim().max(200).optional(),
  eventTypes: z.array(ZWebhookEventType).min(1).max(WEBHOOK_EVENT_TYPES.length).optional(),
  enabled: z.boolean().optional(),
});

export const ZWebhookEndpoint = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(ZWebhookEventType),
  enabled: z.boolean(),
  previousSecretValidUntil: ZTimestamp.nullable().describe('after a rotation, the old secret also signs until then'),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TWebhookEndpoint = z.infer<typeof ZWebhookEndpoint>;
export const ZWebhookEndpointList = page(ZWebhookEndpoint);

/** Shown once, at creation and at each rotation: `whsec_…` (Standard Webhooks). */
export const ZWebhookEndpointWithSecret = ZWebhookEndpoint.extend({ secret: z.string() });
export const ZWebhookEndpointParams = z.object({ accountId: ZIdParam, endpointId: ZIdParam });

export const ZWebhookDeliveryStatus = z.enum(['queued', 'delivered', 'failed']);
export const ZWebhookAttempt = z.object({
  at: ZTimestamp,
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});
export const ZWebhookDelivery = z.object({
  id: z.string(),
  endpointId: z.string(),
  url: z.string(),
  eventType: z.string(),
  messageId: z.string().describe('the `webhook-id` header: the same on every retry'),
  reminderId: z.string().nullable(),
  status: ZWebhookDeliveryStatus,
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
  deliveredAt: ZTimestamp.nullable(),
});
export type TWebhookDelivery = z.infer<typeof ZWebhookDelivery>;
export const ZWebhookDeliveryList = page(ZWebhookDelivery);
export const ZWebhookDeliveryDetail = ZWebhookDelivery.extend({ payload: z.unknown(), attemptLog: z.array(ZWebhookAttempt) });
export const ZWebhookDeliveryListQuery = ZPageQuery.extend({ endpointId: ZIdParam.optional(), status: ZWebhookDeliveryStatus.optional() });
export const ZWebhookDeliveryParams = z.object({ accountId: ZIdParam, deliveryId: ZIdParam });
