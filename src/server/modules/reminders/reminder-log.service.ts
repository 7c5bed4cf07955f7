import type { TReminder } from '../../../contracts/reminders.js';
import type { Store } from '../../db/store.js';
import { pageOf } from '../../platform/paging.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { readContractSerial } from '../contracts/contract-serial.js';
import { deliveryLogOf, reminderDeliveriesRepository } from './reminder-deliveries.repository.js';
import { toReminder } from './reminder-log.js';

interface ListOptions {
  serialNumber?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** The reminders sent and the delivery log of each (SPEC §11): the account sees its own, the vendor all. */
export class ReminderLogService {
  constructor(private readonly deps: { store: Store }) {}

  async list(ctx: RequestContext, accountId: string, opts: ListOptions) {
    authorize(ctx.actor, 'account.read', accountId);
    return this.page({ ...opts, accountId });
  }

  async listAll(ctx: RequestContext, opts: ListOptions & { accountId?: string | undefined }) {
    authorize(ctx.actor, 'vendor.read');
    return this.page(opts);
  }

  async get(ctx: RequestContext, accountId: string, reminderId: string): Promise<TReminder | undefined> {
    authorize(ctx.actor, 'account.read', accountId);
    const { db } = this.deps.store;
    const row = await reminderDeliveriesRepository.findReminder(db, accountId, reminderId);
    return row ? toReminder(row, await deliveryLogOf(db, [row.id])) : undefined;
  }

  private async page(opts: ListOptions & { accountId?: string | undefined }) {
    const { db } = this.deps.store;
    const serialNumber = opts.serialNumber ? readContractSerial(opts.serialNumber) : undefined;
    const rows = await reminderDeliveriesRepository.listReminders(db, { accountId: opts.accountId, serialNumber, before: opts.cursor, limit: opts.limit + 1 });
    const page = pageOf(rows, opts.limit, (r) => r.id);
    const log = await deliveryLogOf(db, page.items.map((r) => r.id));
    return { items: page.items.map((r) => toReminder(r, log)), nextCursor: page.nextCursor };
  }
}
