import type { HeldLicense, MaintenanceTerm } from '../../../domain/upgrades/index.js';
import type { HeldLicenseRow, TermRow } from './campaigns.repository.js';

/** Licenses as eligibility sees them: each with the maintenance terms of its certificate line. */
export function toHeldLicenses(rows: readonly HeldLicenseRow[], terms: readonly TermRow[]): HeldLicense[] {
  const termsBy = new Map<string, MaintenanceTerm[]>();
  for (const t of terms) {
    if (!t.entitlement_id) continue;
    termsBy.set(t.entitlement_id, [...(termsBy.get(t.entitlement_id) ?? []), { startsAt: t.starts_at, endsAt: t.ends_at }]);
  }
  return rows.map((r) => ({
    licenseId: r.id,
    productSku: r.sku,
    quantity: r.quantity,
    status: r.status,
    expiresAt: r.expires_at,
    maintenance: r.entitlement_id ? (termsBy.get(r.entitlement_id) ?? []) : [],
  }));
}
