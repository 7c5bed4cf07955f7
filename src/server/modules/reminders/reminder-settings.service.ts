import type { TReminder, TReminderSettings, TReminderSettingsUpdate } from '../../../contracts/reminders.js';
import { dateOf, daysLeft, EXPIRING_WITHIN_DAYS, addDays, normalizeSchedule } from '../../../domain/reminders/index.js';
import type { Store } from '../../db/store.js';
import { AppError, fieldError, notFound } from '../../http/app-error.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { readContractSerial } from '../contracts/contract-serial.js';
import { maintenanceRepository } from '../contracts/maintenance.repository.js';
import type { RateLimiter } from '../rate-limits/rate-limiter.js';
import type { ReminderDispatcher } from './reminder-dispatcher.js';
import { deliveryLogOf, reminderDeliveriesRepository } from './reminder-deliveries.repository.js';
import { toReminder } from './reminder-log.js';
import { settingsByAccount, settingsOf, settingsRow } from './reminder-settings.js';
import { reminderSettingsRepository } from './reminder-settings.repository.js';

export interface ReminderSettingsDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  limiter: RateLimiter;
  dispatcher: ReminderDispatcher;
}

/** An account's reminder schedule and recipients (admins change them), and "send a test reminder". */
export class ReminderSettingsService {
  constructor(private readonly deps: ReminderSettingsDeps) {}

  async get(ctx: RequestContext, accountId: string): Promise<TReminderSettings> {
    authorize(ctx.actor, 'account.read', accountId);
    return settingsOf(await reminderSettingsRepository.find(this.deps.store.db, accountId));
  }

  /** Saves the settings; every contract of the account is planned again by the next pass. */
  async update(ctx: RequestContext, accountId: string, input: TReminderSettingsUpdate): Promise<TReminderSettings> {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    const schedule = normalizeSchedule(input.schedule);
    if (!schedule.ok) throw fieldError(`schedule.${schedule.field}`, schedule.message);
    const row = settingsRow(accountId, schedule.schedule, input.recipients, this.deps.clock.now().toISOString());
    await this.deps.store.transaction(async (tx) => {
      await reminderSettingsRepository.upsert(tx, row);
      await maintenanceRepository.replanAccount(tx, accountId);
      await this.deps.audit.record(tx, ctx, {
        action: 'reminder_settings.updated',
        accountId,
        partnerAccountId: access.partnerAccountId,
        targetType: 'account',
        targetId: accountId,
        data: { schedule: schedule.schedule, recipients: input.recipients },
      });
    });
    return settingsOf(row);
  }

  /**
   * Sends a reminder marked as a test, about the given contract or the account's next to end, to
   * today's recipients and endpoints, so an admin sees what a reminder looks like and who gets it.
   * Test reminders are outside every contract's plan: they never stand in for a real one.
   */
  async sendTest(ctx: RequestContext, accountId: string, input: { serialNumber?: string | undefined }): Promise<TReminder> {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    const { db } = this.deps.store;
    const now = this.deps.clock.now();
    const today = dateOf(now);
    const contract = input.serialNumber
      ? await maintenanceRepository.findBySerial(db, readContractSerial(input.serialNumber), accountId)
      : await this.nextToEnd(accountId, today);
    if (!contract) {
      if (input.serialNumber) throw notFound('maintenance contract');
      throw new AppError('conflict', 'the account has no maintenance contract to send a test reminder about');
    }
    // Counted once there is something to send: each test e-mails every recipient.
    await this.deps.limiter.consume('test-reminder', accountId, { limit: 10, windowSeconds: 3600 });
    const left = daysLeft(contract.ends_at, today);
    const reminder = {
      id: newId('reminder'),
      account_id: accountId,
      contract_id: null,
      serial_number: contract.serial_number,
      product_name: contract.product_name,
      stage: 'test',
      days_before: left,
      ends_at: contract.ends_at,
      due_on: today,
      days_left: left,
      is_test: 1,
      created_at: now.toISOString(),
    };
    await this.deps.store.transaction(async (tx) => {
      await reminderDeliveriesRepository.insertTestReminder(tx, reminder);
      const settings = settingsByAccount([accountId], await reminderSettingsRepository.forAccounts(tx, [accountId]));
      const accountName = (await accountsRepository.findAccount(tx, accountId))?.name ?? '';
      await this.deps.dispatcher.dispatch(
        tx,
        [
          {
            contractId: contract.id,
            registrationId: contract.registration_id ?? contract.entitlement_registration_id,
            facts: {
              reminderId: reminder.id,
              accountId,
              accountName,
              serialNumber: contract.serial_number,
              entitlementSerialNumber: contract.entitlement_serial_number,
              productName: contract.product_name,
              productSku: contract.sku,
              stage: 'test',
              daysBefore: left,
              daysLeft: left,
              endsAt: contract.ends_at,
              dueOn: today,
              isTest: true,
            },
          },
        ],
        settings,
      );
      await this.deps.audit.record(tx, ctx, { action: 'reminder.test_sent', accountId, partnerAccountId: access.partnerAccountId, targetType: 'reminder', targetId: reminder.id, data: { serialNumber: contract.serial_number } });
    });
    return toReminder(reminder, await deliveryLogOf(db, [reminder.id]));
  }

  /** The contract a test is about by default: the next to end, else an expired one. */
  private async nextToEnd(accountId: string, today: string) {
    const { db } = this.deps.store;
    const expiringUntil = addDays(today, EXPIRING_WITHIN_DAYS);
    for (const state of ['expiring', 'active', 'expired'] as const) {
      const [contract] = await maintenanceRepository.list(db, { accountId, state, today, expiringUntil, limit: 1 });
      if (contract) return contract;
    }
    return undefined;
  }
}
