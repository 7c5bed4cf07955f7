import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { pageOf } from '../../platform/paging.js';
import { dateOf } from '../../../domain/reminders/calendar-date.js';
import type { TVoucherState } from '../../../contracts/vouchers.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { vouchersRepository } from './vouchers.repository.js';
import { toVoucherView } from './voucher-view.js';

type PageOptions = { cursor?: string | undefined; limit: number };

/** What an OEM sees of its vouchers (SPEC §9): each with its state, and the conversions it made. */
export class VouchersService {
  constructor(private readonly deps: { store: Store; clock: Clock }) {}

  async list(ctx: RequestContext, oemAccountId: string, opts: PageOptions & { state?: TVoucherState | undefined; batchId?: string | undefined }) {
    authorize(ctx.actor, 'account.read', oemAccountId);
    const today = dateOf(this.deps.clock.now());
    const rows = await vouchersRepository.listVouchers(this.deps.store.db, oemAccountId, today, { state: opts.state, batchId: opts.batchId, after: opts.cursor, limit: opts.limit + 1 });
    return pageOf(rows.map(toVoucherView), opts.limit, (v) => v.id);
  }

  /** The end customers the OEM converted vouchers for, to name one again in the next redemption. */
  async endCustomers(ctx: RequestContext, oemAccountId: string, opts: PageOptions) {
    authorize(ctx.actor, 'account.read', oemAccountId);
    const rows = await vouchersRepository.listEndCustomers(this.deps.store.db, oemAccountId, { after: opts.cursor, limit: opts.limit + 1 });
    const page = pageOf(rows, opts.limit, (r) => r.account_id);
    return { items: page.items.map((r) => ({ accountId: r.account_id, name: r.name, conversions: Number(r.conversions) })), nextCursor: page.nextCursor };
  }
}
