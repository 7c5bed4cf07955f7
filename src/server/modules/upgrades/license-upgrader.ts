import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { AppError } from '../../http/app-error.js';
import type { TIssuedLicense } from '../../../contracts/licenses.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { catalogRepository } from '../catalog/catalog.repository.js';
import type { ProductsTable } from '../catalog/catalog.table.js';
import type { LicenseIssuer } from '../licenses/license-issuer.service.js';
import { licensesRepository, type LicenseRow } from '../licenses/licenses.repository.js';
import { upgradesRepository, type NotificationRow } from './upgrades.repository.js';

/** Units of one held license to upgrade under a notification. */
export interface LicenseUpgradeOrder {
  accountId: string;
  partnerAccountId: string | null;
  notification: NotificationRow;
  toProduct: ProductsTable;
  old: LicenseRow;
  quantity: number;
  /** Units that stay on the old version (a trade-in issues them a license of their own). */
  keeps: number;
  registrationId: string;
  maintenanceEndsAt: string | null;
}

export interface LicenseUpgraded {
  license: TIssuedLicense;
  kept: TIssuedLicense | null;
  revoked: boolean;
}

/**
 * Upgrades units of one license (SPEC §6): a new license of the new version that names the old
 * one, the link recorded in both licenses' histories, and for a trade-in the old license revoked
 * (with a license for the units not traded in). Runs inside the caller's transaction.
 */
export class LicenseUpgrader {
  constructor(private readonly deps: { clock: Clock; audit: AuditLog; issuer: LicenseIssuer }) {}

  async upgrade(tx: Db, ctx: RequestContext, o: LicenseUpgradeOrder): Promise<LicenseUpgraded> {
    const { old, notification, toProduct } = o;
    const tradeIn = notification.trade_in === 1;
    const now = this.deps.clock.now();
    // The conditional revoke claims the license: a re-host racing this upgrade cannot also win.
    if (tradeIn && !(await licensesRepository.revoke(tx, old.id, now.toISOString()))) {
      throw new AppError('conflict', `license ${old.id} was just re-hosted or revoked; look the notification up again`);
    }
    const common = {
      accountId: o.accountId,
      notBefore: new Date(old.not_before),
      expiresAt: old.expires_at,
      source: 'upgrade' as const,
      sourceRef: notification.notification_id,
      entitlementId: old.entitlement_id,
      serialNumber: old.serial_number,
      replacesLicenseId: old.id,
      partnerAccountId: o.partnerAccountId,
    };
    const license = await this.deps.issuer.issue(tx, ctx, {
      ...common,
      product: toProduct,
      quantity: o.quantity,
      hostId: toProduct.node_locked === 1 ? old.host_id : null,
      maintenanceEndsAt: o.maintenanceEndsAt ?? old.maintenance_ends_at,
      registrationId: o.registrationId,
    });
    const kept =
      tradeIn && o.keeps > 0
        ? await this.deps.issuer.issue(tx, ctx, {
            ...common,
            product: (await catalogRepository.findProduct(tx, old.product_id))!,
            quantity: o.keeps,
            hostId: old.host_id,
            maintenanceEndsAt: old.maintenance_ends_at,
            registrationId: old.registration_id,
            features: JSON.parse(old.features) as string[],
          })
        : null;
    await upgradesRepository.insertLicenseUpgrade(tx, {
      id: newId('licenseUpgrade', now),
      campaign_id: notification.campaign_id,
      upgrade_notification_id: notification.id,
      account_id: o.accountId,
      product_id: old.product_id,
      from_license_id: old.id,
      to_license_id: license.id,
      remainder_license_id: kept?.id ?? null,
      quantity: o.quantity,
      trade_in: tradeIn ? 1 : 0,
      registration_id: o.registrationId,
      at: now.toISOString(),
    });
    const link = { notificationId: notification.notification_id, campaignId: notification.campaign_id, quantity: o.quantity, tradeIn };
    const entry = { accountId: o.accountId, partnerAccountId: o.partnerAccountId, targetType: 'license' };
    await this.deps.audit.record(tx, ctx, { ...entry, action: 'license.upgraded', targetId: old.id, data: { ...link, toLicenseId: license.id, toSku: toProduct.sku, revoked: tradeIn, keptLicenseId: kept?.id ?? null } });
    await this.deps.audit.record(tx, ctx, { ...entry, action: 'license.upgraded_from', targetId: license.id, data: { ...link, fromLicenseId: old.id, fromSku: old.sku } });
    return { license, kept, revoked: tradeIn };
  }
}
