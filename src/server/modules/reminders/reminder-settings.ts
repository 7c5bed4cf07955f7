import type { TReminderRecipients, TReminderSettings } from '../../../contracts/reminders.js';
import { DEFAULT_SCHEDULE, maxLeadDays, type ReminderSchedule } from '../../../domain/reminders/index.js';
import type { ReminderSettingsTable } from './reminders.table.js';

/** SPEC §11's defaults: admins, the technical contact and the delegated partner. */
export const DEFAULT_RECIPIENTS: Readonly<TReminderRecipients> = Object.freeze({
  admins: true,
  technicalContact: true,
  customerContact: false,
  partner: true,
  extraAddresses: [],
});

export interface AccountReminderSettings extends TReminderSettings {
  schedule: ReminderSchedule;
}

/** An account's settings, or the defaults when it saved none. */
export function settingsOf(row: ReminderSettingsTable | undefined): AccountReminderSettings {
  if (!row) return { schedule: { ...DEFAULT_SCHEDULE, leadDays: [...DEFAULT_SCHEDULE.leadDays] }, recipients: { ...DEFAULT_RECIPIENTS, extraAddresses: [] }, isDefault: true, updatedAt: null };
  return {
    schedule: { leadDays: JSON.parse(row.lead_days) as number[], dayOf: row.day_of === 1, expired: row.expired === 1 },
    recipients: {
      admins: row.to_admins === 1,
      technicalContact: row.to_technical === 1,
      customerContact: row.to_customer === 1,
      partner: row.to_partner === 1,
      extraAddresses: JSON.parse(row.extra_addresses) as string[],
    },
    isDefault: false,
    updatedAt: row.updated_at,
  };
}

export function settingsRow(accountId: string, schedule: ReminderSchedule, recipients: TReminderRecipients, at: string): ReminderSettingsTable {
  return {
    account_id: accountId,
    lead_days: JSON.stringify(schedule.leadDays),
    max_lead_days: maxLeadDays(schedule),
    day_of: schedule.dayOf ? 1 : 0,
    expired: schedule.expired ? 1 : 0,
    to_admins: recipients.admins ? 1 : 0,
    to_technical: recipients.technicalContact ? 1 : 0,
    to_customer: recipients.customerContact ? 1 : 0,
    to_partner: recipients.partner ? 1 : 0,
    extra_addresses: JSON.stringify([...new Set(recipients.extraAddresses.map((a) => a.toLowerCase()))]),
    updated_at: at,
  };
}

/** Settings of several accounts at once (the reminder pass works in batches). */
export function settingsByAccount(accountIds: Iterable<string>, rows: ReminderSettingsTable[]): Map<string, AccountReminderSettings> {
  const byId = new Map(rows.map((r) => [r.account_id, r]));
  return new Map([...accountIds].map((id) => [id, settingsOf(byId.get(id))]));
}
