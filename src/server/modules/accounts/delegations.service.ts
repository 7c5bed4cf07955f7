import type { Store } from '../../db/store.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { pageOf } from '../../platform/paging.js';
import { AppError, fieldError, notFound } from '../../http/app-error.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { accountsRepository } from './accounts.repository.js';

/**
 * Partner delegation (SPEC §1): a partner acts for a customer once an order sold through it is
 * recorded, or once the customer's admin grants it; the customer's admin may revoke it at any time.
 */
export class DelegationsService {
  constructor(private readonly deps: { store: Store; clock: Clock; audit: AuditLog }) {}

  async grant(ctx: RequestContext, customerAccountId: string, partnerAccountId: string) {
    authorize(ctx.actor, 'account.manage', customerAccountId);
    return this.deps.store.transaction(async (tx) => {
      await this.record(tx, ctx, customerAccountId, partnerAccountId, 'grant');
      return this.listRows(tx, customerAccountId);
    });
  }

  /** Inside a caller's transaction: orders sold through a partner delegate it. */
  async record(tx: Db, ctx: RequestContext, customerAccountId: string, partnerAccountId: string, source: 'order' | 'grant'): Promise<void> {
    const [customer, partner] = await Promise.all([
      accountsRepository.findAccount(tx, customerAccountId),
      accountsRepository.findAccount(tx, partnerAccountId),
    ]);
    if (!customer || customer.kind !== 'customer') throw new AppError('conflict', 'only customer accounts can delegate to a partner');
    if (!partner || partner.kind !== 'partner') throw fieldError('partnerAccountId', 'no such partner account');
    const inserted = await accountsRepository.insertDelegation(tx, {
      customer_account_id: customerAccountId,
      partner_account_id: partnerAccountId,
      source,
      granted_at: this.deps.clock.now().toISOString(),
    });
    if (inserted) {
      await this.deps.audit.record(tx, ctx, { action: 'delegation.granted', accountId: customerAccountId, targetType: 'account', targetId: partnerAccountId, data: { source } });
    }
  }

  async revoke(ctx: RequestContext, customerAccountId: string, partnerAccountId: string): Promise<void> {
    const access = authorize(ctx.actor, 'account.manage', customerAccountId);
    // A partner cannot revoke its own access on the customer's behalf: that is the customer's call.
    if (access.partnerAccountId) throw new AppError('forbidden', "only the customer's own admins revoke a delegation");
    await this.deps.store.transaction(async (tx) => {
      if (!(await accountsRepository.deleteDelegation(tx, customerAccountId, partnerAccountId))) throw notFound('delegation');
      await this.deps.audit.record(tx, ctx, { action: 'delegation.revoked', accountId: customerAccountId, targetType: 'account', targetId: partnerAccountId });
    });
  }

  async list(ctx: RequestContext, customerAccountId: string) {
    authorize(ctx.actor, 'account.read', customerAccountId);
    return this.listRows(this.deps.store.db, customerAccountId);
  }

  /** The customers that the caller's partner accounts act for. */
  async customersOfPartner(ctx: RequestContext, opts: { cursor?: string | undefined; limit: number }) {
    if (ctx.actor.kind !== 'user') throw new AppError('unauthenticated', 'sign in first');
    const partnerIds = [...ctx.actor.grants.entries()].filter(([, g]) => g.via === 'membership').map(([id]) => id);
    const rows = await accountsRepository.customersOfPartners(this.deps.store.db, partnerIds, { after: opts.cursor, limit: opts.limit + 1 });
    const page = pageOf(rows, opts.limit, (r) => r.customer_account_id);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((r) => ({ accountId: r.customer_account_id, name: r.name, partnerAccountId: r.partner_account_id, grantedAt: r.granted_at })),
    };
  }

  private async listRows(db: Db, customerAccountId: string) {
    const rows = await accountsRepository.delegationsOfCustomer(db, customerAccountId);
    return { items: rows.map((r) => ({ partnerAccountId: r.partner_account_id, partnerName: r.partner_name, source: r.source, grantedAt: r.granted_at })), nextCursor: null };
  }
}
