import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ProductsTable } from '../catalog/catalog.table.js';
import type { LicenseUpgradesTable, UpgradeNotificationsTable } from './upgrades.table.js';

/** A notification with its campaign, as the customer's side reads it. */
export interface NotificationRow extends UpgradeNotificationsTable {
  to_product_id: string;
  trade_in: number;
  published_on: string;
  last_run_on: string;
}

const withCampaign = (db: Db) =>
  db
    .selectFrom('upgrade_notifications as n')
    .innerJoin('upgrade_campaigns as c', 'c.id', 'n.campaign_id')
    .selectAll('n')
    .select(['c.to_product_id', 'c.trade_in', 'c.published_on', 'c.last_run_on']);

/** The customer's side of upgrades; every query names the account. */
export const upgradesRepository = {
  /** The account's notification with this ID; another account's answers nothing, as an unknown one. */
  findNotification(db: Db, accountId: string, notificationId: string): Promise<NotificationRow | undefined> {
    return withCampaign(db).where('n.account_id', '=', accountId).where('n.notification_id', '=', notificationId).executeTakeFirst();
  },

  /** The account's notifications with units left to upgrade, newest first. */
  pendingNotifications(db: Db, accountId: string, opts: { before?: string | undefined; limit: number }): Promise<NotificationRow[]> {
    let q = withCampaign(db)
      .where('n.account_id', '=', accountId)
      .where((eb) => eb.exists(eb.selectFrom('upgrade_rights as r').select('r.id').whereRef('r.upgrade_notification_id', '=', 'n.id').whereRef('r.upgraded', '<', 'r.eligible')));
    if (opts.before) q = q.where('n.id', '<', opts.before);
    return q.orderBy('n.id', 'desc').limit(opts.limit).execute();
  },

  /**
   * Takes `quantity` units of a right in one statement; false when fewer remain. Requests racing
   * for the last units are ordered by the row's lock (PostgreSQL) or the write lock (SQLite), and
   * the loser's condition no longer holds: never more than the eligible units are upgraded.
   */
  async claimUnits(db: Db, rightId: string, quantity: number, at: string): Promise<boolean> {
    const r = await db
      .updateTable('upgrade_rights')
      .set({ upgraded: sql<number>`upgraded + ${quantity}`, updated_at: at })
      .where('id', '=', rightId)
      .where(sql<boolean>`upgraded + ${quantity} <= eligible`)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Units upgraded under the notification so far, per held license. */
  async upgradedFrom(db: Db, upgradeNotificationId: string): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('license_upgrades')
      .select('from_license_id')
      .select((eb) => eb.fn.sum<number>('quantity').as('units'))
      .where('upgrade_notification_id', '=', upgradeNotificationId)
      .groupBy('from_license_id')
      .execute();
    return new Map(rows.map((r) => [r.from_license_id, Number(r.units)]));
  },

  async insertLicenseUpgrade(db: Db, row: LicenseUpgradesTable): Promise<void> {
    await db.insertInto('license_upgrades').values(row).execute();
  },

  /** The products a page of notifications names (held and target), read at once. */
  productsByIds(db: Db, ids: string[]): Promise<ProductsTable[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('products').selectAll().where('id', 'in', ids).execute();
  },

  /** The registration given at the notification's latest upgrade, to prefill step 6 of the next. */
  async lastUpgradeRegistrationId(db: Db, upgradeNotificationId: string): Promise<string | null> {
    const row = await db
      .selectFrom('license_upgrades')
      .select('registration_id')
      .where('upgrade_notification_id', '=', upgradeNotificationId)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.registration_id ?? null;
  },

  /** The registration of the account's most recent license of the products, to prefill step 6. */
  async registrationIdOfProducts(db: Db, accountId: string, productIds: string[]): Promise<string | null> {
    if (productIds.length === 0) return null;
    const row = await db
      .selectFrom('licenses')
      .select('registration_id')
      .where('account_id', '=', accountId)
      .where('product_id', 'in', productIds)
      .where('registration_id', 'is not', null)
      .orderBy('issued_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.registration_id ?? null;
  },
};

