import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { LicenseDelivery } from '../licenses/license-delivery.js';
import type { LicenseIssuer } from '../licenses/license-issuer.service.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { CampaignNotifier } from './campaign-notifier.js';
import { UpgradeCampaignsService } from './campaigns.service.js';
import { LicenseUpgrader } from './license-upgrader.js';
import { UpgradesService } from './upgrades.service.js';

export interface UpgradesModuleDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  outbox: Outbox;
  issuer: LicenseIssuer;
  delivery: LicenseDelivery;
  config: { vendorName: string; publicUrl: string };
}

/** Version upgrades (SPEC §6): the vendor's campaigns and the customer's upgrades. */
export function createUpgrades(deps: UpgradesModuleDeps) {
  const { store, clock, audit } = deps;
  const notifier = new CampaignNotifier({ store, clock, audit, outbox: deps.outbox, vendorName: deps.config.vendorName, publicUrl: deps.config.publicUrl });
  const upgrader = new LicenseUpgrader({ clock, audit, issuer: deps.issuer });
  return {
    upgradeCampaigns: new UpgradeCampaignsService({ store, clock, audit, notifier }),
    upgrades: new UpgradesService({ store, clock, audit, upgrader, delivery: deps.delivery }),
  };
}
