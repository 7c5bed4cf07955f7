import type { Db } from '../../db/database.js';
import type { ReminderSettingsTable } from './reminders.table.js';

export const reminderSettingsRepository = {
  find(db: Db, accountId: string): Promise<ReminderSettingsTable | undefined> {
    return db.selectFrom('reminder_settings').selectAll().where('account_id', '=', accountId).executeTakeFirst();
  },

  forAccounts(db: Db, accountIds: string[]): Promise<ReminderSettingsTable[]> {
    if (accountIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('reminder_settings').selectAll().where('account_id', 'in', accountIds).execute();
  },

  async upsert(tx: Db, row: ReminderSettingsTable): Promise<void> {
    const { account_id: _, ...changes } = row;
    await tx
      .insertInto('reminder_settings')
      .values(row)
      .onConflict((oc) => oc.column('account_id').doUpdateSet(changes))
      .execute();
  },

  /** The furthest any account's schedule looks ahead (0 when every account has the defaults). */
  async maxLeadDays(db: Db): Promise<number> {
    const row = await db.selectFrom('reminder_settings').select((eb) => eb.fn.max('max_lead_days').as('max')).executeTakeFirst();
    return Number(row?.max ?? 0);
  },
};
