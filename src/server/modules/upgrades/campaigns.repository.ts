import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { UpgradeCampaignProductsTable, UpgradeCampaignsTable, UpgradeNotificationsTable, UpgradeRightsTable } from './upgrades.table.js';

/** A license of a campaign's product, with what eligibility needs to know about it. */
export interface HeldLicenseRow {
  id: string;
  sku: string;
  quantity: number;
  status: 'active' | 'revoked' | 'retired';
  expires_at: string | null;
  entitlement_id: string | null;
  registration_id: string | null;
}

export interface TermRow {
  entitlement_id: string | null;
  starts_at: string;
  ends_at: string;
}

/** The vendor's side of upgrades: campaigns, the accounts they reach, notifications and rights. */
export const campaignsRepository = {
  /** False when a campaign with this key exists (a rerun, or a concurrent first run). */
  async insertCampaign(db: Db, row: UpgradeCampaignsTable, products: UpgradeCampaignProductsTable[]): Promise<boolean> {
    const r = await db.insertInto('upgrade_campaigns').values(row).onConflict((oc) => oc.column('campaign_key').doNothing()).executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    await db.insertInto('upgrade_campaign_products').values(products).execute();
    return true;
  },

  findCampaignByKey(db: Db, key: string): Promise<UpgradeCampaignsTable | undefined> {
    return db.selectFrom('upgrade_campaigns').selectAll().where('campaign_key', '=', key).executeTakeFirst();
  },

  findCampaign(db: Db, id: string): Promise<UpgradeCampaignsTable | undefined> {
    return db.selectFrom('upgrade_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The campaign upgrading one of these products to the target already, if any. */
  findOverlap(db: Db, toProductId: string, fromProductIds: string[]) {
    return db
      .selectFrom('upgrade_campaign_products')
      .select(['campaign_id', 'product_id'])
      .where('to_product_id', '=', toProductId)
      .where('product_id', 'in', fromProductIds)
      .executeTakeFirst();
  },

  async recordRun(db: Db, id: string, on: string): Promise<void> {
    await db.updateTable('upgrade_campaigns').set({ last_run_on: on }).where('id', '=', id).where('last_run_on', '<', on).execute();
  },

  /** The products each campaign upgrades from, by SKU. */
  fromProductsOf(db: Db, campaignIds: string[]) {
    if (campaignIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('upgrade_campaign_products as cp')
      .innerJoin('products as p', 'p.id', 'cp.product_id')
      .select(['cp.campaign_id', 'p.id', 'p.sku', 'p.name', 'p.version'])
      .where('cp.campaign_id', 'in', campaignIds)
      .orderBy('p.sku')
      .execute();
  },

  /** Campaigns newest first, with how many accounts they reached and the units granted and upgraded. */
  listCampaigns(db: Db, opts: { before?: string | undefined; limit: number }) {
    let q = db
      .selectFrom('upgrade_campaigns as c')
      .innerJoin('products as p', 'p.id', 'c.to_product_id')
      .selectAll('c')
      .select(['p.sku as to_sku', 'p.name as to_name', 'p.version as to_version'])
      .select((eb) => [
        eb.selectFrom('upgrade_notifications as n').whereRef('n.campaign_id', '=', 'c.id').select(eb.fn.countAll<number>().as('n')).as('notifications'),
        eb.selectFrom('upgrade_rights as r').whereRef('r.campaign_id', '=', 'c.id').select(sql<number>`coalesce(sum(r.eligible), 0)`.as('s')).as('eligible_units'),
        eb.selectFrom('upgrade_rights as r').whereRef('r.campaign_id', '=', 'c.id').select(sql<number>`coalesce(sum(r.upgraded), 0)`.as('s')).as('upgraded_units'),
      ]);
    if (opts.before) q = q.where('c.id', '<', opts.before);
    return q.orderBy('c.id', 'desc').limit(opts.limit).execute();
  },

  /** Accounts holding active licenses of the products, in id order, a page at a time. */
  async accountsHolding(db: Db, productIds: string[], opts: { after?: string | undefined; limit: number }): Promise<string[]> {
    let q = db.selectFrom('licenses').select('account_id').distinct().where('product_id', 'in', productIds).where('status', '=', 'active');
    if (opts.after) q = q.where('account_id', '>', opts.after);
    const rows = await q.orderBy('account_id').limit(opts.limit).execute();
    return rows.map((r) => r.account_id);
  },

  /** The account's active licenses of the products, oldest first. */
  heldLicenses(db: Db, accountId: string, productIds: string[]): Promise<HeldLicenseRow[]> {
    return db
      .selectFrom('licenses as l')
      .innerJoin('products as p', 'p.id', 'l.product_id')
      .select(['l.id', 'p.sku', 'l.quantity', 'l.status', 'l.expires_at', 'l.entitlement_id', 'l.registration_id'])
      .where('l.account_id', '=', accountId)
      .where('l.product_id', 'in', productIds)
      .where('l.status', '=', 'active')
      .orderBy('l.issued_at')
      .orderBy('l.id')
      .execute();
  },

  /** The maintenance terms of those licenses' certificate lines. */
  maintenanceTerms(db: Db, accountId: string, productIds: string[]): Promise<TermRow[]> {
    return db
      .selectFrom('maintenance_contracts')
      .select(['entitlement_id', 'starts_at', 'ends_at'])
      .where('account_id', '=', accountId)
      .where('entitlement_id', 'in', (eb) =>
        eb.selectFrom('licenses').select('entitlement_id').where('account_id', '=', accountId).where('product_id', 'in', productIds).where('status', '=', 'active'),
      )
      .execute();
  },

  /** False when the account has a notification for the campaign already, or the ID is taken. */
  async insertNotification(db: Db, row: UpgradeNotificationsTable): Promise<boolean> {
    const r = await db.insertInto('upgrade_notifications').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  findNotificationOf(db: Db, campaignId: string, accountId: string): Promise<UpgradeNotificationsTable | undefined> {
    return db.selectFrom('upgrade_notifications').selectAll().where('campaign_id', '=', campaignId).where('account_id', '=', accountId).executeTakeFirst();
  },

  /** Records what a notification grants for a product; a rerun raises it, never lowers it. */
  async grantRight(db: Db, row: UpgradeRightsTable): Promise<void> {
    await db
      .insertInto('upgrade_rights')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['upgrade_notification_id', 'product_id']).doUpdateSet({
          eligible: sql<number>`case when excluded.eligible > upgrade_rights.eligible then excluded.eligible else upgrade_rights.eligible end`,
          updated_at: sql<string>`excluded.updated_at`,
        }),
      )
      .execute();
  },

  rightsOf(db: Db, notificationRowIds: string[]) {
    if (notificationRowIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('upgrade_rights')
      .innerJoin('products', 'products.id', 'upgrade_rights.product_id')
      .selectAll('upgrade_rights')
      .select('products.sku')
      .where('upgrade_rights.upgrade_notification_id', 'in', notificationRowIds)
      .execute();
  },

  /** The campaign's notifications in account order, with the units granted and upgraded. */
  notificationsOfCampaign(db: Db, campaignId: string, opts: { after?: string | undefined; limit: number }) {
    let q = db
      .selectFrom('upgrade_notifications as n')
      .innerJoin('accounts as a', 'a.id', 'n.account_id')
      .selectAll('n')
      .select('a.name as account_name')
      .select((eb) => [
        eb.selectFrom('upgrade_rights as r').whereRef('r.upgrade_notification_id', '=', 'n.id').select(sql<number>`coalesce(sum(r.eligible), 0)`.as('s')).as('eligible_units'),
        eb.selectFrom('upgrade_rights as r').whereRef('r.upgrade_notification_id', '=', 'n.id').select(sql<number>`coalesce(sum(r.upgraded), 0)`.as('s')).as('upgraded_units'),
      ])
      .where('n.campaign_id', '=', campaignId);
    if (opts.after) q = q.where('n.account_id', '>', opts.after);
    return q.orderBy('n.account_id').limit(opts.limit).execute();
  },
};
