import type { TReminder, TReminderDelivery } from '../../../contracts/reminders.js';
import type { AlertRow, DeliveryRow } from './reminder-deliveries.repository.js';
import type { RemindersTable } from './reminders.table.js';

/** A permanent refusal of the recipient by the receiving server (SMTP 5xx), as the outbox recorded it. */
const BOUNCE = /\b5\d\d\b|recipients? (were |was )?rejected/i;

/** A delivery-log line as shown: the state of the e-mail, alert or webhook delivery it points to. */
export function toDelivery(row: DeliveryRow): TReminderDelivery {
  const base = { id: row.id, channel: row.channel, recipient: row.recipient, queuedAt: row.created_at };
  if (row.channel === 'webhook') {
    const status = row.hook_status === 'delivered' ? 'sent' : row.hook_status === 'failed' ? 'failed' : 'queued';
    return { ...base, status, attempts: row.hook_attempts ?? 0, lastError: row.hook_error ?? null, sentAt: row.hook_delivered_at ?? null };
  }
  const error = row.mail_error ?? null;
  const status = row.mail_status === 'sent' ? 'sent' : row.mail_status === 'failed' ? (error && BOUNCE.test(error) ? 'bounced' : 'failed') : 'queued';
  return { ...base, status, attempts: row.mail_attempts ?? 0, lastError: error, sentAt: row.mail_sent_at ?? null };
}

/** The in-app alert counts as delivered when it is written. */
function alertDelivery(alert: AlertRow): TReminderDelivery {
  return { id: alert.id, channel: 'alert', recipient: 'in-app', status: 'sent', attempts: 1, lastError: null, queuedAt: alert.created_at, sentAt: alert.created_at };
}

export function toReminder(row: RemindersTable, log: { deliveries: DeliveryRow[]; alerts: AlertRow[] }): TReminder {
  return {
    id: row.id,
    accountId: row.account_id,
    serialNumber: row.serial_number,
    productName: row.product_name,
    stage: row.stage,
    daysBefore: row.days_before,
    endsAt: row.ends_at,
    dueOn: row.due_on,
    daysLeft: row.days_left,
    isTest: row.is_test === 1,
    createdAt: row.created_at,
    deliveries: [...log.alerts.filter((a) => a.reminder_id === row.id).map(alertDelivery), ...log.deliveries.filter((d) => d.reminder_id === row.id).map(toDelivery)],
  };
}
