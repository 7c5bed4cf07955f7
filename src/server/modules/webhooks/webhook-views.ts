import type { TWebhookDelivery, TWebhookEndpoint, TWebhookEventType } from '../../../contracts/webhooks.js';
import type { WebhookDeliveriesTable, WebhookEndpointsTable } from './webhooks.table.js';

/** An endpoint as answered: never its secrets. */
export function toEndpoint(row: WebhookEndpointsTable, now: Date): TWebhookEndpoint {
  const rotating = row.previous_secret_until && row.previous_secret_until > now.toISOString() ? row.previous_secret_until : null;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.event_types) as TWebhookEventType[],
    enabled: row.enabled === 1,
    previousSecretValidUntil: rotating,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toDelivery(row: WebhookDeliveriesTable & { url: string }): TWebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    url: row.url,
    eventType: row.event_type,
    messageId: row.message_id,
    reminderId: row.reminder_id,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}
