import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { AppError, fieldError, notFound } from '../../http/app-error.js';
import type { TIssuedLicense } from '../../../contracts/licenses.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { catalogRepository } from '../catalog/catalog.repository.js';
import type { LicenseDelivery } from '../licenses/license-delivery.js';
import type { LicenseIssuer } from '../licenses/license-issuer.service.js';
import { licensesRepository } from '../licenses/licenses.repository.js';
import { LicenseAccess } from '../license-management/license-access.js';
import { registrationsRepository } from '../licenses/registrations.repository.js';
import { toRegistrationView } from './registration.js';

const YEAR_MS = 365 * 24 * 3600 * 1000;

export interface RehostResult {
  license: TIssuedLicense;
  revokedLicenseId: string;
  rehostsLeft: number;
}

/**
 * Re-host (SPEC §5): a node-locked license moves to another host. A new file is issued for the
 * new host and the old license is revoked, at most `rehostsPerYear` times in any 365 days.
 */
export class RehostService {
  private readonly access: LicenseAccess;

  constructor(private readonly deps: { store: Store; clock: Clock; audit: AuditLog; issuer: LicenseIssuer; delivery: LicenseDelivery }) {
    this.access = new LicenseAccess(deps.store);
  }

  async rehost(ctx: RequestContext, viaAccountId: string, licenseId: string, hostId: string): Promise<RehostResult> {
    // The account's own licenses for its members, and another account's license shared with the
    // user to manage (SPEC §7). The new license stays with the account that holds the old one.
    const reach = await this.access.reach(ctx.actor, viaAccountId, licenseId, 'operate');
    const { access, ownerAccountId: accountId } = reach;
    return this.deps.store.transaction(async (tx) => {
      const old = await licensesRepository.findLicense(tx, accountId, licenseId);
      if (!old) throw notFound('license');
      if (old.node_locked !== 1) throw new AppError('conflict', `${old.product_name} is not node-locked: there is no host to move`);
      if (old.status !== 'active') throw new AppError('conflict', `this license is ${old.status}; re-host the license that replaced it`);
      if (old.host_id === hostId) throw fieldError('hostId', 'is the host this license is on already');

      const now = this.deps.clock.now();
      const recent = await licensesRepository.rehostTimesSince(tx, old.id, new Date(now.getTime() - YEAR_MS).toISOString());
      if (recent.length >= old.rehosts_per_year) {
        const next = recent[0] ? new Date(Date.parse(recent[0]) + YEAR_MS).toISOString().slice(0, 10) : null;
        throw new AppError(
          'rehost_limit_reached',
          `${old.product_name} allows ${old.rehosts_per_year} re-host${old.rehosts_per_year === 1 ? '' : 's'} in any 365 days` + (next ? `; the next is possible on ${next}` : ''),
        );
      }
      // The conditional revoke is the claim: of two re-hosts racing on one license, one wins.
      if (!(await licensesRepository.revoke(tx, old.id, now.toISOString()))) throw new AppError('conflict', 'this license was just re-hosted or revoked; reload it');

      const product = (await catalogRepository.findProduct(tx, old.product_id))!;
      const license = await this.deps.issuer.issue(tx, ctx, {
        accountId,
        product,
        quantity: old.quantity,
        hostId,
        notBefore: new Date(old.not_before),
        expiresAt: old.expires_at,
        maintenanceEndsAt: old.maintenance_ends_at,
        source: 'rehost',
        sourceRef: old.id,
        entitlementId: old.entitlement_id,
        serialNumber: old.serial_number,
        registrationId: old.registration_id,
        replacesLicenseId: old.id,
        features: JSON.parse(old.features) as string[],
        partnerAccountId: access.partnerAccountId,
      });
      await licensesRepository.insertRehost(tx, { id: newId('rehost', now), entitlement_id: old.entitlement_id, from_license_id: old.id, to_license_id: license.id, at: now.toISOString() });
      await this.deps.audit.record(tx, ctx, {
        action: 'license.rehosted',
        accountId,
        partnerAccountId: access.partnerAccountId,
        targetType: 'license',
        targetId: old.id,
        data: { fromHostId: old.host_id, toHostId: hostId, newLicenseId: license.id },
      });
      const registration = old.registration_id ? await registrationsRepository.findRegistration(tx, accountId, old.registration_id) : undefined;
      if (registration) await this.deps.delivery.deliver(tx, ctx, license, toRegistrationView(registration).technicalContact, access.partnerAccountId);
      return { license, revokedLicenseId: old.id, rehostsLeft: Math.max(0, old.rehosts_per_year - recent.length - 1) };
    });
  }
}
