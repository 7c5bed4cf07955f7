import type { TAlert, TAlertList } from '../../../contracts/reminders.js';
import type { Db } from '../../db/database.js';
import type { Store } from '../../db/store.js';
import { notFound } from '../../http/app-error.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { pageOf } from '../../platform/paging.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { alertsRepository } from './alerts.repository.js';
import type { AlertsTable } from './alerts.table.js';

export interface NewAlert {
  accountId: string;
  kind: AlertsTable['kind'];
  contractId?: string | null;
  reminderId?: string | null;
  serialNumber?: string | null;
  title: string;
  body: string;
}

/**
 * In-app alerts (SPEC §11). Read state belongs to the account: one admin dismissing a reminder
 * dismisses it for the account's other users too, as a shared inbox does. Marking read is not a
 * change of licensing data, so it is not written to the audit log.
 */
export class AlertsService {
  constructor(private readonly deps: { store: Store; clock: Clock }) {}

  /** Inside the caller's transaction: the alerts exist exactly when the change that raised them does. */
  async raise(tx: Db, alerts: NewAlert[]): Promise<string[]> {
    const at = this.deps.clock.now();
    const rows: AlertsTable[] = alerts.map((a) => ({
      id: newId('alert'),
      account_id: a.accountId,
      kind: a.kind,
      contract_id: a.contractId ?? null,
      reminder_id: a.reminderId ?? null,
      serial_number: a.serialNumber ?? null,
      title: a.title,
      body: a.body,
      created_at: at.toISOString(),
      read_at: null,
    }));
    await alertsRepository.insertMany(tx, rows);
    return rows.map((r) => r.id);
  }

  async list(ctx: RequestContext, accountId: string, opts: { unread?: 'true' | 'false' | undefined; cursor?: string | undefined; limit: number }): Promise<TAlertList> {
    authorize(ctx.actor, 'account.read', accountId);
    const { db } = this.deps.store;
    const unread = opts.unread === undefined ? undefined : opts.unread === 'true';
    const rows = await alertsRepository.list(db, accountId, { unread, before: opts.cursor, limit: opts.limit + 1 });
    const page = pageOf(rows.map(toAlert), opts.limit, (a) => a.id);
    return { ...page, unreadCount: await alertsRepository.unreadCount(db, accountId) };
  }

  async markRead(ctx: RequestContext, accountId: string, alertId: string): Promise<TAlert> {
    authorize(ctx.actor, 'account.read', accountId);
    const { db } = this.deps.store;
    await alertsRepository.markRead(db, accountId, this.deps.clock.now().toISOString(), alertId);
    const row = await alertsRepository.find(db, accountId, alertId);
    if (!row) throw notFound('alert');
    return toAlert(row);
  }

  async markAllRead(ctx: RequestContext, accountId: string): Promise<{ marked: number; unreadCount: number }> {
    authorize(ctx.actor, 'account.read', accountId);
    const { db } = this.deps.store;
    const marked = await alertsRepository.markRead(db, accountId, this.deps.clock.now().toISOString());
    return { marked, unreadCount: await alertsRepository.unreadCount(db, accountId) };
  }
}

function toAlert(row: AlertsTable): TAlert {
  return { id: row.id, kind: row.kind, serialNumber: row.serial_number, title: row.title, body: row.body, createdAt: row.created_at, readAt: row.read_at };
}
