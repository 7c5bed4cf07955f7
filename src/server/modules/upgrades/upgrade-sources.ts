import type { Db } from '../../db/database.js';
import { isEligibleOn, type UpgradeSource } from '../../../domain/upgrades/index.js';
import { campaignsRepository } from './campaigns.repository.js';
import { toHeldLicenses } from './held-licenses.js';
import { upgradesRepository, type NotificationRow } from './upgrades.repository.js';

export interface SourceLicense extends UpgradeSource {
  /** The last day of the latest maintenance term of the license's certificate line. */
  maintenanceEndsAt: string | null;
}

/**
 * The account's licenses of a product that an upgrade under the notification may draw on, oldest
 * first: active, and maintained on a day the campaign ran (a re-hosted license or the units a
 * trade-in left on the old version keep their certificate line, so they count too).
 */
export async function upgradeSources(db: Db, accountId: string, notification: NotificationRow, product: { id: string; sku: string }): Promise<SourceLicense[]> {
  const [rows, terms, upgraded] = await Promise.all([
    campaignsRepository.heldLicenses(db, accountId, [product.id]),
    campaignsRepository.maintenanceTerms(db, accountId, [product.id]),
    upgradesRepository.upgradedFrom(db, notification.id),
  ]);
  const held = toHeldLicenses(rows, terms);
  const skus = new Set([product.sku]);
  const runDays = [notification.published_on, notification.last_run_on];
  return rows.flatMap((r, i) => {
    const license = held[i]!;
    if (!runDays.some((day) => isEligibleOn(license, skus, day))) return [];
    const ends = license.maintenance.map((t) => t.endsAt).sort();
    return [{ licenseId: r.id, quantity: r.quantity, upgradedAlready: upgraded.get(r.id) ?? 0, maintenanceEndsAt: ends.at(-1) ?? null }];
  });
}
