/** An account's reminder schedule and recipients; no row means the defaults (SPEC §11). */
export interface ReminderSettingsTable {
  account_id: string;
  /** JSON array of lead days, most distant first. */
  lead_days: string;
  max_lead_days: number;
  day_of: number;
  expired: number;
  to_admins: number;
  to_technical: number;
  to_customer: number;
  to_partner: number;
  /** JSON array of e-mail addresses. */
  extra_addresses: string;
  updated_at: string;
}

/**
 * A contract's reminder plan (migration 0710): one per contract, written with it, in end-date order.
 * `ends_at` is the contract's end date the plan is for.
 */
export interface ReminderPlansTable {
  contract_id: string;
  ends_at: string;
  /** The day the reminder pass next looks at the contract; null until planned. */
  next_reminder_on: string | null;
}

/** A reminder that was sent; (contract_id, stage, ends_at) is unique, so it exists once. */
export interface RemindersTable {
  id: string;
  account_id: string;
  contract_id: string | null;
  serial_number: string;
  product_name: string;
  stage: string;
  days_before: number;
  ends_at: string;
  due_on: string;
  days_left: number;
  is_test: number;
  created_at: string;
}

export interface ReminderDeliveriesTable {
  id: string;
  reminder_id: string;
  account_id: string;
  /** The in-app alert is its own record (alerts.reminder_id), not a line here. */
  channel: 'email' | 'webhook';
  recipient: string;
  outbox_id: string | null;
  webhook_delivery_id: string | null;
  created_at: string;
}

export interface CalendarFeedsTable {
  account_id: string;
  nonce: string;
  created_at: string;
}

export interface RemindersTables {
  reminder_plans: ReminderPlansTable;
  reminder_settings: ReminderSettingsTable;
  reminders: RemindersTable;
  reminder_deliveries: ReminderDeliveriesTable;
  calendar_feeds: CalendarFeedsTable;
}
