import { createHmac } from 'node:crypto';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { addDays, dateOf, planReminders } from '../../../domain/reminders/index.js';
import type { Store } from '../../db/store.js';
import { notFound } from '../../http/app-error.js';
import type { Clock } from '../../platform/clock.js';
import { safeEqual } from '../../platform/hash.js';
import { newSecret } from '../../platform/ids.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { maintenanceRepository } from '../contracts/maintenance.repository.js';
import { calendarRepository } from './calendar.repository.js';
import { settingsOf } from './reminder-settings.js';
import { reminderSettingsRepository } from './reminder-settings.repository.js';

/** Contracts that ended more than a year ago drop out of the feed; a feed holds at most this many. */
const HISTORY_DAYS = 365;
const MAX_CONTRACTS = 2000;

export interface CalendarDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  secret: string;
  publicUrl: string;
  vendorName: string;
}

/**
 * Each account's private calendar feed (SPEC §11): one all-day event per contract end and per
 * planned reminder, at a secret URL that calendar apps poll without a session. The token is an
 * HMAC of the account and the feed's nonce under the master secret: nothing stored opens the
 * feed, and regenerating (a new nonce) ends the old URL at once.
 */
export class CalendarService {
  constructor(private readonly deps: CalendarDeps) {}

  async link(ctx: RequestContext, accountId: string): Promise<{ url: string }> {
    authorize(ctx.actor, 'account.read', accountId);
    const { db } = this.deps.store;
    await calendarRepository.ensure(db, accountId, newSecret(), this.deps.clock.now().toISOString());
    const feed = await calendarRepository.find(db, accountId);
    return { url: this.urlOf(accountId, feed!.nonce) };
  }

  async regenerate(ctx: RequestContext, accountId: string): Promise<{ url: string }> {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    const nonce = newSecret();
    await this.deps.store.transaction(async (tx) => {
      await calendarRepository.replace(tx, accountId, nonce, this.deps.clock.now().toISOString());
      await this.deps.audit.record(tx, ctx, { action: 'calendar_feed.regenerated', accountId, partnerAccountId: access.partnerAccountId, targetType: 'account', targetId: accountId });
    });
    return { url: this.urlOf(accountId, nonce) };
  }

  /** The feed itself; an unknown account and a wrong token answer the same 404. */
  async feed(accountId: string, token: string | undefined): Promise<string> {
    const { db } = this.deps.store;
    const feed = await calendarRepository.find(db, accountId);
    if (!feed || !token || !safeEqual(token, this.tokenOf(accountId, feed.nonce))) throw notFound('calendar');
    const today = dateOf(this.deps.clock.now());
    const [contracts, settings] = await Promise.all([
      maintenanceRepository.listForCalendar(db, accountId, addDays(today, -HISTORY_DAYS), MAX_CONTRACTS),
      reminderSettingsRepository.find(db, accountId).then(settingsOf),
    ]);
    const host = new URL(this.deps.publicUrl).hostname;
    const page = `${this.deps.publicUrl}/a/${accountId}/maintenance`;
    const calendar = ical({ name: `${this.deps.vendorName} maintenance renewals`, prodId: { company: this.deps.vendorName, product: 'Licensing Portal' }, method: ICalCalendarMethod.PUBLISH, ttl: 6 * 3600 });
    const stamp = this.deps.clock.now();
    for (const c of contracts) {
      const what = `${c.product_name} (${c.serial_number})`;
      calendar.createEvent({
        id: `${c.id}-end-${c.ends_at}@${host}`,
        start: dayStart(c.ends_at),
        allDay: true,
        stamp,
        summary: `Maintenance ends: ${what}`,
        description: `The maintenance contract ${c.serial_number} for ${c.product_name} ends on ${c.ends_at}.\n${page}`,
        url: page,
      });
      for (const r of planReminders(c.ends_at, settings.schedule)) {
        calendar.createEvent({
          id: `${c.id}-${r.stage}-${c.ends_at}@${host}`,
          start: dayStart(r.dueOn),
          allDay: true,
          stamp,
          summary: r.daysBefore > 0 ? `Renewal reminder (${r.daysBefore} days): ${what}` : r.daysBefore === 0 ? `Maintenance ends today: ${what}` : `Maintenance expired: ${what}`,
          description: `Reminder for the maintenance contract ${c.serial_number}, which ends on ${c.ends_at}.\n${page}`,
          url: page,
        });
      }
    }
    return calendar.toString();
  }

  private tokenOf(accountId: string, nonce: string): string {
    return createHmac('sha256', this.deps.secret).update(`calendar-feed:${accountId}:${nonce}`).digest('base64url');
  }

  private urlOf(accountId: string, nonce: string): string {
    return `${this.deps.publicUrl}/api/v1/accounts/${encodeURIComponent(accountId)}/calendar.ics?token=${this.tokenOf(accountId, nonce)}`;
  }
}

/** All-day events are dates, not instants: a UTC midnight that ical-generator writes as a DATE. */
const dayStart = (date: string): Date => new Date(`${date}T00:00:00.000Z`);
