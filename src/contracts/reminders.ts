import { z } from 'zod';
import { ZCalendarDate, ZEmail, ZIdParam, ZPageQuery, ZTimestamp, page } from './common.js';
import { ZReminderSchedule } from './contracts.js';

/** Who receives reminder e-mails (SPEC §11). */
export const ZReminderRecipients = z.object({
  admins: z.boolean().describe("the account's admins"),
  technicalContact: z.boolean().describe("the registration's technical contact"),
  customerContact: z.boolean().describe("the registration's customer contact, where it has an e-mail"),
  partner: z.boolean().describe('the admins of delegated partners'),
  extraAddresses: z.array(ZEmail).max(20),
});
export type TReminderRecipients = z.infer<typeof ZReminderRecipients>;

export const ZReminderSettings = z.object({
  schedule: ZReminderSchedule,
  recipients: ZReminderRecipients,
  isDefault: z.boolean().describe('no settings saved: the portal defaults apply'),
  updatedAt: ZTimestamp.nullable(),
});
export type TReminderSettings = z.infer<typeof ZReminderSettings>;
export const ZReminderSettingsUpdate = z.object({ schedule: ZReminderSchedule, recipients: ZReminderRecipients });
export type TReminderSettingsUpdate = z.infer<typeof ZReminderSettingsUpdate>;

/** One line of a reminder's delivery log. `sent` for a webhook means the endpoint answered 2xx. */
export const ZReminderDelivery = z.object({
  id: z.string(),
  channel: z.enum(['email', 'alert', 'webhook']),
  recipient: z.string(),
  status: z.enum(['queued', 'sent', 'bounced', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  queuedAt: ZTimestamp,
  sentAt: ZTimestamp.nullable(),
});
export type TReminderDelivery = z.infer<typeof ZReminderDelivery>;

export const ZReminder = z.object({
  id: z.string(),
  accountId: z.string(),
  serialNumber: z.string(),
  productName: z.string(),
  stage: z.string().describe('`90d`, `60d`, `30d`…, `day-of`, `expired`, or `test`'),
  daysBefore: z.number().int(),
  endsAt: ZCalendarDate,
  dueOn: ZCalendarDate,
  daysLeft: z.number().int(),
  isTest: z.boolean(),
  createdAt: ZTimestamp,
  deliveries: z.array(ZReminderDelivery),
});
export type TReminder = z.infer<typeof ZReminder>;
export const ZReminderList = page(ZReminder);
export const ZReminderListQuery = ZPageQuery.extend({ serialNumber: z.string().max(100).optional() });
export const ZAdminReminderListQuery = ZReminderListQuery.extend({ accountId: ZIdParam.optional() });

export const ZAlert = z.object({
  id: z.string(),
  kind: z.enum(['reminder', 'renewed', 'test']),
  serialNumber: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: ZTimestamp,
  readAt: ZTimestamp.nullable(),
});
export type TAlert = z.infer<typeof ZAlert>;
export const ZAlertList = page(ZAlert).extend({ unreadCount: z.number().int() });
export type TAlertList = z.infer<typeof ZAlertList>;
export const ZAlertListQuery = ZPageQuery.extend({ unread: z.enum(['true', 'false']).optional().describe('only unread (true) or read (false) alerts') });
export const ZAlertParams = z.object({ accountId: ZIdParam, alertId: ZIdParam });
export const ZAlertsMarked = z.object({ marked: z.number().int(), unreadCount: z.number().int() });

/** The private calendar feed: a secret URL that works without a session. */
export const ZCalendarLink = z.object({ url: z.string() });
export const ZCalendarFeedQuery = z.object({ token: z.string().max(200).optional() });
