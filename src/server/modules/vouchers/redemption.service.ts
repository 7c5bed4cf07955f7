import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { fieldError, notFound } from '../../http/app-error.js';
import { parseVoucherCode } from '../../../domain/identifiers/index.js';
import { addDays, dateOf } from '../../../domain/reminders/calendar-date.js';
import type { TVoucherRedeem, TVoucherRedemption } from '../../../contracts/vouchers.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import type { AuditLog } from '../audit/audit.service.js';
import { actorLabel, type RequestContext } from '../auth/actor.js';
import { authorize, canSee } from '../auth/authorize.js';
import { catalogRepository } from '../catalog/catalog.repository.js';
import type { LicenseDelivery } from '../licenses/license-delivery.js';
import type { LicenseIssuer } from '../licenses/license-issuer.service.js';
import type { RateLimiter } from '../rate-limits/rate-limiter.js';
import type { EndCustomer, EndCustomers } from './end-customers.js';
import { vouchersRepository, type VoucherRow } from './vouchers.repository.js';
import { toVoucherView } from './voucher-view.js';

export interface RedemptionDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  limiter: RateLimiter;
  issuer: LicenseIssuer;
  delivery: LicenseDelivery;
  endCustomers: EndCustomers;
}

/** Failed redemptions allowed per user or token and per address: 75-bit codes are not guessed this way. */
export const FAILED_REDEMPTION_POLICY = { limit: 20, windowSeconds: 15 * 60 };

/** A subscription bought by voucher runs a year from the day it is redeemed. */
const VOUCHER_SUBSCRIPTION_DAYS = 365;

export type RedemptionRefusal = { ok: false; code: 'voucher_already_redeemed' | 'voucher_not_redeemable'; message: string };
export type RedemptionOutcome = { ok: true; value: TVoucherRedemption } | RedemptionRefusal;

/**
 * Converting a voucher into a license (SPEC §9). The voucher is claimed by one conditional UPDATE
 * (`… WHERE state = 'available' AND expires_at >= today`) before anything else happens in the
 * transaction; only the request that sees an affected row goes on to create the end customer and
 * issue the license, so a code is redeemed exactly once whatever the concurrency.
 */
export class RedemptionService {
  constructor(private readonly deps: RedemptionDeps) {}

  async redeem(ctx: RequestContext, oemAccountId: string, input: TVoucherRedeem): Promise<RedemptionOutcome> {
    const access = authorize(ctx.actor, 'account.operate', oemAccountId);
    const code = readCode(input.code);
    for (const subject of limitSubjects(ctx)) await this.deps.limiter.check('voucher-redeem', subject, FAILED_REDEMPTION_POLICY);
    const now = this.deps.clock.now();
    const today = dateOf(now);
    const found = await vouchersRepository.findByCode(this.deps.store.db, oemAccountId, code, today);
    if (!found) return this.failedLookup(ctx);
    if (found.derived_state !== 'available') return refusalFor(found);
    await this.checkExistingEndCustomer(ctx, oemAccountId, input.endCustomer);
    const product = (await catalogRepository.findProductBySku(this.deps.store.db, found.sku))!;
    if (product.node_locked === 1 && !input.hostId) throw fieldError('hostId', `${product.name} is node-locked: enter the host ID of the machine it will run on`);
    if (product.node_locked !== 1 && input.hostId) throw fieldError('hostId', `${product.name} is not node-locked: leave the host ID out`);

    return this.deps.store.transaction(async (tx): Promise<RedemptionOutcome> => {
      if (!(await vouchersRepository.claim(tx, found.id, { today, at: now.toISOString(), by: actorLabel(ctx.actor) }))) {
        return refusalFor((await vouchersRepository.findByCode(tx, oemAccountId, code, today))!);
      }
      const endCustomer = await this.deps.endCustomers.resolve(tx, ctx, input.endCustomer);
      const license = await this.deps.issuer.issue(tx, ctx, {
        accountId: endCustomer.accountId,
        product,
        quantity: 1,
        hostId: product.node_locked === 1 ? input.hostId! : null,
        expiresAt: product.license_model === 'subscription' ? addDays(today, VOUCHER_SUBSCRIPTION_DAYS - 1) : null,
        maintenanceEndsAt: null,
        source: 'voucher',
        sourceRef: found.id,
        entitlementId: null,
        registrationId: null,
      });
      await vouchersRepository.recordConversion(tx, found.id, endCustomer.accountId, license.id);
      // The OEM obtained the key; its end customer receives it, as a partner's customer would.
      for (const recipient of endCustomer.recipients) await this.deps.delivery.deliver(tx, ctx, license, recipient, null);
      await this.deps.audit.record(tx, ctx, {
        action: 'voucher.redeemed',
        accountId: oemAccountId,
        partnerAccountId: access.partnerAccountId,
        targetType: 'license',
        targetId: license.id,
        data: { voucherId: found.id, batchId: found.batch_id, productSku: product.sku, endCustomerAccountId: endCustomer.accountId, endCustomerCreated: endCustomer.created },
      });
      const voucher = toVoucherView((await vouchersRepository.findByCode(tx, oemAccountId, code, today))!);
      return { ok: true, value: { voucher, endCustomer: publicEndCustomer(endCustomer), license } };
    });
  }

  /**
   * An existing end customer must be a customer account the OEM converted for before, or one the
   * caller may act for; anything else reads the same as an account that does not exist.
   */
  private async checkExistingEndCustomer(ctx: RequestContext, oemAccountId: string, endCustomer: TVoucherRedeem['endCustomer']): Promise<void> {
    if (!('accountId' in endCustomer)) return;
    const { db } = this.deps.store;
    const account = await accountsRepository.findAccount(db, endCustomer.accountId);
    const known = account?.kind === 'customer' && (canSee(ctx.actor, account.id) || (await vouchersRepository.isEndCustomerOf(db, oemAccountId, account.id)));
    if (!known) throw fieldError('endCustomer.accountId', 'not one of your end customers; name a new one with its name and contact instead');
  }

  /** Counts the failure and answers 404, the same for another OEM's voucher as for none. */
  private async failedLookup(ctx: RequestContext): Promise<never> {
    for (const subject of limitSubjects(ctx)) await this.deps.limiter.consume('voucher-redeem', subject, FAILED_REDEMPTION_POLICY);
    throw notFound('voucher');
  }
}

/** A typo is told as a typo, naming `code`, before anything is looked up. */
function readCode(typed: string): string {
  const parsed = parseVoucherCode(typed, { field: 'code' });
  if (!parsed.ok) throw fieldError('code', parsed.message.slice('code: '.length));
  return parsed.value;
}

function refusalFor(voucher: VoucherRow): RedemptionRefusal {
  switch (voucher.derived_state) {
    case 'redeemed':
      return { ok: false, code: 'voucher_already_redeemed', message: `voucher ${voucher.code} was redeemed on ${voucher.redeemed_at?.slice(0, 10)}` };
    case 'expired':
      return { ok: false, code: 'voucher_not_redeemable', message: `voucher ${voucher.code} expired after ${voucher.expires_at}` };
    default:
      return { ok: false, code: 'voucher_not_redeemable', message: `voucher ${voucher.code} is void` };
  }
}

function publicEndCustomer(c: EndCustomer): TVoucherRedemption['endCustomer'] {
  return { accountId: c.accountId, name: c.name, created: c.created };
}

function limitSubjects(ctx: RequestContext): string[] {
  const actor = ctx.actor;
  const who = actor.kind === 'user' ? `user:${actor.userId}` : actor.kind === 'token' ? `token:${actor.tokenId}` : null;
  return [...(who ? [who] : []), ...(ctx.ip && actor.kind !== 'system' ? [`ip:${ctx.ip}`] : [])];
}
