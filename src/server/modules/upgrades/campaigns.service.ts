import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { pageOf } from '../../platform/paging.js';
import { AppError, notFound, validationFailed } from '../../http/app-error.js';
import type { TErrorDetail } from '../../../contracts/errors.js';
import type { TUpgradeCampaign, TUpgradeCampaignCreate, TUpgradeCampaignRun } from '../../../contracts/upgrades.js';
import { dateOf } from '../../../domain/reminders/index.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { catalogRepository } from '../catalog/catalog.repository.js';
import type { ProductsTable } from '../catalog/catalog.table.js';
import type { CampaignNotifier, CampaignRun } from './campaign-notifier.js';
import { campaignsRepository } from './campaigns.repository.js';
import type { UpgradeCampaignsTable } from './upgrades.table.js';

/** Accounts are read this many at a time; each is notified in its own transaction. */
const ACCOUNTS_PER_PAGE = 200;

/**
 * The vendor's upgrade campaigns (SPEC §6): publishing one notifies every account that holds
 * licenses of the old versions with active maintenance today. Publishing the same campaign again
 * reaches the accounts that became eligible since; an account never receives a second ID.
 */
export class UpgradeCampaignsService {
  constructor(private readonly deps: { store: Store; clock: Clock; audit: AuditLog; notifier: CampaignNotifier }) {}

  async publish(ctx: RequestContext, input: TUpgradeCampaignCreate): Promise<TUpgradeCampaignRun> {
    authorize(ctx.actor, 'vendor.write');
    const { fromProducts, toProduct } = await this.products(input);
    const run: CampaignRun = { campaign: await this.findOrCreate(ctx, fromProducts, toProduct, input.tradeIn ?? false), fromProducts, toProduct, day: dateOf(this.deps.clock.now()) };
    await campaignsRepository.recordRun(this.deps.store.db, run.campaign.id, run.day);

    const issuedNow = new Set<string>();
    for (let after: string | undefined, accounts: string[]; (accounts = await this.accountsAfter(fromProducts, after)).length > 0; after = accounts.at(-1)) {
      for (const accountId of accounts) {
        const notified = await this.deps.notifier.notify(ctx, run, accountId);
        if (notified?.issuedNow) issuedNow.add(notified.notification.id);
      }
    }
    const notifications = [];
    for (let after: string | undefined, page; (page = await campaignsRepository.notificationsOfCampaign(this.deps.store.db, run.campaign.id, { after, limit: 1000 })).length > 0; after = page.at(-1)!.account_id) {
      for (const n of page) notifications.push({ accountId: n.account_id, accountName: n.account_name, notificationId: n.notification_id, issuedAt: n.created_at, issuedNow: issuedNow.has(n.id) });
    }
    return {
      id: run.campaign.id,
      fromSkus: fromProducts.map((p) => p.sku),
      toSku: toProduct.sku,
      tradeIn: run.campaign.trade_in === 1,
      publishedOn: run.campaign.published_on,
      lastRunOn: run.day > run.campaign.last_run_on ? run.day : run.campaign.last_run_on,
      notifications,
    };
  }

  async list(ctx: RequestContext, opts: { cursor?: string | undefined; limit: number }): Promise<{ items: TUpgradeCampaign[]; nextCursor: string | null }> {
    authorize(ctx.actor, 'vendor.read');
    const { db } = this.deps.store;
    const rows = await campaignsRepository.listCampaigns(db, { before: opts.cursor, limit: opts.limit + 1 });
    const from = await campaignsRepository.fromProductsOf(db, rows.map((r) => r.id));
    const items = rows.map((r) => ({
      id: r.id,
      fromProducts: from.filter((p) => p.campaign_id === r.id).map((p) => ({ sku: p.sku, name: p.name, version: p.version })),
      toProduct: { sku: r.to_sku, name: r.to_name, version: r.to_version },
      tradeIn: r.trade_in === 1,
      publishedOn: r.published_on,
      lastRunOn: r.last_run_on,
      notifications: Number(r.notifications ?? 0),
      eligibleUnits: Number(r.eligible_units ?? 0),
      upgradedUnits: Number(r.upgraded_units ?? 0),
      createdAt: r.created_at,
    }));
    return pageOf(items, opts.limit, (c) => c.id);
  }

  async notifications(ctx: RequestContext, campaignId: string, opts: { cursor?: string | undefined; limit: number }) {
    authorize(ctx.actor, 'vendor.read');
    const { db } = this.deps.store;
    if (!(await campaignsRepository.findCampaign(db, campaignId))) throw notFound('upgrade campaign');
    const rows = await campaignsRepository.notificationsOfCampaign(db, campaignId, { after: opts.cursor, limit: opts.limit + 1 });
    const items = rows.map((n) => ({
      accountId: n.account_id,
      accountName: n.account_name,
      notificationId: n.notification_id,
      issuedAt: n.created_at,
      eligibleUnits: Number(n.eligible_units ?? 0),
      upgradedUnits: Number(n.upgraded_units ?? 0),
    }));
    return pageOf(items, opts.limit, (n) => n.accountId);
  }

  private accountsAfter(fromProducts: ProductsTable[], after: string | undefined): Promise<string[]> {
    return campaignsRepository.accountsHolding(this.deps.store.db, fromProducts.map((p) => p.id), { after, limit: ACCOUNTS_PER_PAGE });
  }

  /** The campaign's products; each SKU that is unknown or cannot be upgraded to the target is named. */
  private async products(input: TUpgradeCampaignCreate): Promise<{ fromProducts: ProductsTable[]; toProduct: ProductsTable }> {
    const bySku = await catalogRepository.productsBySku(this.deps.store.db, [...input.fromSkus, input.toSku]);
    const toProduct = bySku.get(input.toSku);
    const faults: TErrorDetail[] = toProduct ? [] : [{ field: 'toSku', message: 'no product has this SKU' }];
    const seen = new Set<string>();
    input.fromSkus.forEach((sku, i) => {
      const field = `fromSkus.${i}`;
      const from = bySku.get(sku);
      if (seen.has(sku)) faults.push({ field, message: 'is named twice' });
      else if (!from) faults.push({ field, message: 'no product has this SKU' });
      else if (sku === input.toSku) faults.push({ field, message: 'is the product upgraded to: a product cannot be upgraded to itself' });
      else if (toProduct && from.unit !== toProduct.unit) faults.push({ field, message: `counts ${from.unit}s and ${toProduct.sku} counts ${toProduct.unit}s: an upgrade keeps the quantity, so the units must match` });
      else if (toProduct && from.license_model !== toProduct.license_model) faults.push({ field, message: `is ${from.license_model} and ${toProduct.sku} is ${toProduct.license_model}: an upgrade keeps the license's term` });
      else if (toProduct?.node_locked === 1 && from.node_locked !== 1) faults.push({ field, message: `is not node-locked and ${toProduct.sku} is: its licenses have no host ID to carry over` });
      seen.add(sku);
    });
    if (faults.length > 0) throw validationFailed(faults);
    return { fromProducts: [...seen].map((sku) => bySku.get(sku)!).sort((a, b) => a.sku.localeCompare(b.sku)), toProduct: toProduct! };
  }

  /** The campaign of these products, published now when it is new. */
  private async findOrCreate(ctx: RequestContext, fromProducts: ProductsTable[], toProduct: ProductsTable, tradeIn: boolean): Promise<UpgradeCampaignsTable> {
    const { store, clock, audit } = this.deps;
    const key = `${toProduct.id}:${fromProducts.map((p) => p.id).sort().join(',')}`;
    const found = await campaignsRepository.findCampaignByKey(store.db, key);
    if (found) return sameMode(found, tradeIn);
    const now = clock.now();
    const row: UpgradeCampaignsTable = { id: newId('upgradeCampaign', now), campaign_key: key, to_product_id: toProduct.id, trade_in: tradeIn ? 1 : 0, published_on: dateOf(now), last_run_on: dateOf(now), created_at: now.toISOString() };
    const fromIds = fromProducts.map((p) => p.id);
    try {
      await store.transaction(async (tx) => {
        await this.refuseOverlap(tx, key, fromProducts, toProduct);
        if (!(await campaignsRepository.insertCampaign(tx, row, fromIds.map((id) => ({ campaign_id: row.id, product_id: id, to_product_id: toProduct.id }))))) return;
        await audit.record(tx, ctx, { action: 'upgrade_campaign.published', accountId: null, targetType: 'upgrade_campaign', targetId: row.id, data: { fromSkus: fromProducts.map((p) => p.sku), toSku: toProduct.sku, tradeIn } });
      });
    } catch (error) {
      // Another campaign taking one of these products at the same moment: its constraint refused ours.
      await this.refuseOverlap(store.db, key, fromProducts, toProduct);
      throw error;
    }
    return sameMode((await campaignsRepository.findCampaignByKey(store.db, key))!, tradeIn);
  }

  /** Two campaigns never grant the same units: refused unless the one found is this same campaign. */
  private async refuseOverlap(db: Store['db'], key: string, fromProducts: ProductsTable[], toProduct: ProductsTable): Promise<void> {
    const overlap = await campaignsRepository.findOverlap(db, toProduct.id, fromProducts.map((p) => p.id));
    if (!overlap || (await campaignsRepository.findCampaign(db, overlap.campaign_id))?.campaign_key === key) return;
    const sku = fromProducts.find((p) => p.id === overlap.product_id)?.sku;
    throw new AppError('conflict', `${sku} is upgraded to ${toProduct.sku} by campaign ${overlap.campaign_id} already; run that campaign again instead`);
  }
}

function sameMode(campaign: UpgradeCampaignsTable, tradeIn: boolean): UpgradeCampaignsTable {
  if ((campaign.trade_in === 1) !== tradeIn) {
    throw new AppError('conflict', `this campaign was published ${campaign.trade_in === 1 ? 'as a trade-in' : 'with upgrade rights'}; running it again cannot change that`);
  }
  return campaign;
}
