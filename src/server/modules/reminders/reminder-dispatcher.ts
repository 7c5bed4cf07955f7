import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { AlertsService } from '../alerts/alerts.service.js';
import type { Outbox, OutgoingMail } from '../outbox/outbox.service.js';
import type { WebhookDeliveries } from '../webhooks/webhook-deliveries.service.js';
import { resolveRecipients } from './recipients.js';
import { reminderDeliveriesRepository } from './reminder-deliveries.repository.js';
import { reminderEventData, reminderMail, reminderSummary, reminderTitle, type ReminderFacts } from './reminder-message.js';
import type { AccountReminderSettings } from './reminder-settings.js';
import type { ReminderDeliveriesTable } from './reminders.table.js';

export interface DispatchItem {
  facts: ReminderFacts;
  contractId: string | null;
  registrationId: string | null;
}

export interface ReminderDispatcherDeps {
  clock: Clock;
  outbox: Outbox;
  alerts: AlertsService;
  webhooks: WebhookDeliveries;
  publicUrl: string;
  vendorName: string;
}

/**
 * Queues everything a recorded reminder sends, in the transaction that recorded it: an e-mail per
 * recipient (the outbox sends and retries), the in-app alert, the webhook deliveries, and a
 * delivery-log line for each e-mail and webhook (the alert is its own record). Called only for
 * reminders the database has just accepted as new. Ids carry the wall-clock time of writing, so
 * rows sort in the order they were written whatever the business clock says.
 */
export class ReminderDispatcher {
  constructor(private readonly deps: ReminderDispatcherDeps) {}

  async dispatch(tx: Db, items: DispatchItem[], settings: Map<string, AccountReminderSettings>): Promise<void> {
    if (items.length === 0) return;
    const recipients = await resolveRecipients(tx, items.map((i) => ({ accountId: i.facts.accountId, registrationId: i.registrationId })), settings);
    const at = this.deps.clock.now();
    const log: ReminderDeliveriesTable[] = [];
    const line = (item: DispatchItem, channel: ReminderDeliveriesTable['channel'], recipient: string, refs: { outbox_id?: string; webhook_delivery_id?: string } = {}) =>
      log.push({
        id: newId('reminderDelivery'),
        reminder_id: item.facts.reminderId,
        account_id: item.facts.accountId,
        channel,
        recipient,
        outbox_id: refs.outbox_id ?? null,
        webhook_delivery_id: refs.webhook_delivery_id ?? null,
        created_at: at.toISOString(),
      });

    const mails: OutgoingMail[] = [];
    const mailed: DispatchItem[] = [];
    for (const [i, item] of items.entries()) {
      const mail = reminderMail(item.facts, this.deps.publicUrl, this.deps.vendorName);
      for (const to of recipients[i]!) {
        mails.push({ kind: 'maintenance.reminder', accountId: item.facts.accountId, to, subject: mail.subject, text: mail.text });
        mailed.push(item);
      }
    }
    const outboxIds = await this.deps.outbox.enqueueMany(tx, mails);
    mails.forEach((mail, i) => line(mailed[i]!, 'email', mail.to, { outbox_id: outboxIds[i]! }));
    await this.deps.alerts.raise(
      tx,
      items.map((item) => ({
        accountId: item.facts.accountId,
        kind: item.facts.isTest ? 'test' : 'reminder',
        contractId: item.contractId,
        reminderId: item.facts.reminderId,
        serialNumber: item.facts.serialNumber,
        title: reminderTitle(item.facts),
        body: reminderSummary(item.facts),
      })),
    );
    const hooks = await this.deps.webhooks.emit(tx, items.map((item) => ({ accountId: item.facts.accountId, type: 'maintenance.reminder' as const, data: reminderEventData(item.facts), reminderId: item.facts.reminderId })));
    for (const hook of hooks) line(items[hook.event]!, 'webhook', hook.url, { webhook_delivery_id: hook.deliveryId });
    await reminderDeliveriesRepository.insertMany(tx, log);
  }
}
