import type { Db } from '../../db/database.js';
import type { TUpgradeNotice } from '../../../contracts/upgrades.js';
import { availableUnits, remainingEligible } from '../../../domain/upgrades/index.js';
import { toProductView } from '../catalog/catalog.service.js';
import { campaignsRepository } from './campaigns.repository.js';
import { upgradeSources } from './upgrade-sources.js';
import { upgradesRepository, type NotificationRow } from './upgrades.repository.js';

/**
 * Notifications as the account sees them: per held product, the units eligible, upgraded and
 * still possible. What remains is also capped by the licenses still held to draw on (a license
 * revoked since the campaign can no longer be upgraded).
 */
export async function upgradeNotices(db: Db, accountId: string, rows: NotificationRow[]): Promise<TUpgradeNotice[]> {
  const rights = await campaignsRepository.rightsOf(db, rows.map((r) => r.id));
  const productIds = [...new Set([...rows.map((r) => r.to_product_id), ...rights.map((r) => r.product_id)])];
  const products = new Map((await upgradesRepository.productsByIds(db, productIds)).map((p) => [p.id, p]));
  const notices: TUpgradeNotice[] = [];
  for (const row of rows) {
    const items = [];
    for (const right of rights.filter((r) => r.upgrade_notification_id === row.id).sort((a, b) => a.sku.localeCompare(b.sku))) {
      const product = products.get(right.product_id)!;
      const left = remainingEligible(right.eligible, right.upgraded);
      const held = left > 0 ? availableUnits(await upgradeSources(db, accountId, row, product)) : 0;
      items.push({ product: toProductView(product), eligible: right.eligible, upgraded: right.upgraded, remaining: Math.min(left, held) });
    }
    notices.push({
      notificationId: row.notification_id,
      campaignId: row.campaign_id,
      toProduct: toProductView(products.get(row.to_product_id)!),
      tradeIn: row.trade_in === 1,
      publishedOn: row.published_on,
      issuedAt: row.created_at,
      items,
    });
  }
  return notices;
}
