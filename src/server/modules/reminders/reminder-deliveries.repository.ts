import type { Db } from '../../db/database.js';
import { compiledInsert } from '../../db/compiled-once.js';
import { rowChunks } from '../../db/row-chunks.js';
import type { ReminderDeliveriesTable, RemindersTable } from './reminders.table.js';

const insertDeliveries = compiledInsert('reminder_deliveries');

/** The delivery log of reminders, and the reminders themselves as the account and the vendor see them. */
export const reminderDeliveriesRepository = {
  async insertMany(tx: Db, rows: ReminderDeliveriesTable[]): Promise<void> {
    for (const chunk of rowChunks(rows, 8)) await insertDeliveries(tx, chunk);
  },

  async insertTestReminder(tx: Db, row: RemindersTable): Promise<void> {
    await tx.insertInto('reminders').values(row).execute();
  },

  listReminders(db: Db, opts: { accountId?: string | undefined; serialNumber?: string | undefined; before?: string | undefined; limit: number }) {
    let q = db.selectFrom('reminders').selectAll();
    if (opts.accountId) q = q.where('account_id', '=', opts.accountId);
    if (opts.serialNumber) q = q.where('serial_number', '=', opts.serialNumber);
    if (opts.before) q = q.where('id', '<', opts.before);
    return q.orderBy('id', 'desc').limit(opts.limit).execute();
  },

  findReminder(db: Db, accountId: string, id: string) {
    return db.selectFrom('reminders').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  },

  /** The in-app alert of each reminder: its own delivery-log line. */
  alertsOf(db: Db, reminderIds: string[]) {
    if (reminderIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('alerts').select(['id', 'reminder_id', 'created_at']).where('reminder_id', 'in', reminderIds).execute();
  },

  /** Each delivery with the state of the message it points to (outbox e-mail or webhook delivery). */
  deliveriesOf(db: Db, reminderIds: string[]) {
    if (reminderIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('reminder_deliveries as d')
      .leftJoin('outbox as o', 'o.id', 'd.outbox_id')
      .leftJoin('webhook_deliveries as w', 'w.id', 'd.webhook_delivery_id')
      .select([
        'd.id',
        'd.reminder_id',
        'd.channel',
        'd.recipient',
        'd.created_at',
        'o.status as mail_status',
        'o.attempts as mail_attempts',
        'o.sent_at as mail_sent_at',
        'o.last_error as mail_error',
        'w.status as hook_status',
        'w.attempts as hook_attempts',
        'w.delivered_at as hook_delivered_at',
        'w.last_error as hook_error',
      ])
      .where('d.reminder_id', 'in', reminderIds)
      .orderBy('d.channel')
      .orderBy('d.recipient')
      .execute();
  },
};

/** The whole delivery log of some reminders: e-mails and webhooks, and their alerts. */
export async function deliveryLogOf(db: Db, reminderIds: string[]) {
  const [deliveries, alerts] = await Promise.all([reminderDeliveriesRepository.deliveriesOf(db, reminderIds), reminderDeliveriesRepository.alertsOf(db, reminderIds)]);
  return { deliveries, alerts };
}

export type DeliveryRow = Awaited<ReturnType<typeof reminderDeliveriesRepository.deliveriesOf>>[number];
export type AlertRow = Awaited<ReturnType<typeof reminderDeliveriesRepository.alertsOf>>[number];
