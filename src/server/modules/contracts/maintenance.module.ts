import type { Config } from '../../config.js';
import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { AlertsService } from '../alerts/alerts.service.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { JobQueue } from '../jobs/jobs.service.js';
import type { Outbox } from '../outbox/outbox.service.js';
import type { RateLimiter } from '../rate-limits/rate-limiter.js';
import { CalendarService } from '../reminders/calendar.service.js';
import { ReminderDispatcher } from '../reminders/reminder-dispatcher.js';
import { ReminderLogService } from '../reminders/reminder-log.service.js';
import { ReminderPass } from '../reminders/reminder-pass.service.js';
import { ReminderSettingsService } from '../reminders/reminder-settings.service.js';
import type { SigningKeys } from '../signing/signing-keys.service.js';
import { WebhookDeliveries } from '../webhooks/webhook-deliveries.service.js';
import { WebhookEndpointsService } from '../webhooks/webhook-endpoints.service.js';
import { MaintenanceContractsService } from './maintenance-contracts.service.js';
import { RenewalAssistantService } from './renewal-assistant.service.js';

export interface MaintenanceModuleDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  outbox: Outbox;
  jobs: JobQueue;
  limiter: RateLimiter;
  signingKeys: SigningKeys;
  config: Readonly<Config>;
}

/** Maintenance contracts and renewal alerts (SPEC §11): contracts, reminders, alerts, webhooks, calendar. */
export function createMaintenance(deps: MaintenanceModuleDeps) {
  const { store, clock, audit, config } = deps;
  const base = { store, clock, audit };
  const alerts = new AlertsService({ store, clock });
  const webhookDeliveries = new WebhookDeliveries({ store, clock, jobs: deps.jobs });
  const dispatcher = new ReminderDispatcher({ clock, outbox: deps.outbox, alerts, webhooks: webhookDeliveries, publicUrl: config.publicUrl, vendorName: config.vendorName });
  return {
    alerts,
    webhookDeliveries,
    webhookEndpoints: new WebhookEndpointsService({ ...base, deliveries: webhookDeliveries }),
    reminderPass: new ReminderPass({ store, dispatcher }),
    reminderSettings: new ReminderSettingsService({ ...base, limiter: deps.limiter, dispatcher }),
    reminderLog: new ReminderLogService({ store }),
    calendar: new CalendarService({ ...base, secret: config.secret, publicUrl: config.publicUrl, vendorName: config.vendorName }),
    maintenanceContracts: new MaintenanceContractsService({ ...base, alerts, webhooks: webhookDeliveries, signingKeys: deps.signingKeys }),
    renewalAssistant: new RenewalAssistantService({ ...base, limiter: deps.limiter }),
  };
}
