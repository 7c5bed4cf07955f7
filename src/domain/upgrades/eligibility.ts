import type { CalendarDate } from '../reminders/calendar-date.js';

/**
 * Upgrade eligibility (SPEC §6). An account may upgrade, per product, the units it holds with
 * active maintenance on the campaign's date, less what it has already upgraded under the campaign.
 */

/** A maintenance term, whole days in UTC: both ends are covered days. */
export interface MaintenanceTerm {
  startsAt: CalendarDate;
  endsAt: CalendarDate;
}

/** A license as eligibility sees it: what it is, whether it is in force, and its maintenance. */
export interface HeldLicense {
  licenseId: string;
  productSku: string;
  quantity: number;
  status: 'active' | 'revoked' | 'retired';
  /** The last day a subscription license is valid; null for perpetual licenses. */
  expiresAt: CalendarDate | null;
  /** Every maintenance contract of the license's certificate line (a renewal adds one). */
  maintenance: MaintenanceTerm[];
}

/** True when some term covers the day: a term ending the day before does not. */
export function hasMaintenanceOn(terms: readonly MaintenanceTerm[], date: CalendarDate): boolean {
  return terms.some((t) => t.startsAt <= date && date <= t.endsAt);
}

/** A license counts when it is one of the campaign's products, in force, and maintained on the date. */
export function isEligibleOn(license: HeldLicense, fromSkus: ReadonlySet<string>, date: CalendarDate): boolean {
  if (!fromSkus.has(license.productSku) || license.status !== 'active') return false;
  if (license.expiresAt !== null && license.expiresAt < date) return false;
  return hasMaintenanceOn(license.maintenance, date);
}

/** Units held with active maintenance on the date, per product SKU (only products with units). */
export function heldWithMaintenance(licenses: readonly HeldLicense[], fromSkus: readonly string[], date: CalendarDate): Map<string, number> {
  const skus = new Set(fromSkus);
  const held = new Map<string, number>();
  for (const license of licenses) {
    if (!isEligibleOn(license, skus, date)) continue;
    held.set(license.productSku, (held.get(license.productSku) ?? 0) + license.quantity);
  }
  return held;
}

/**
 * What an account is entitled to upgrade in all, when a campaign is run again after some units
 * were upgraded. Upgrade rights keep the old licenses, so the units held still include the ones
 * upgraded; a trade-in revoked them, so they are added back. Never less than already granted:
 * a notification, once sent, is not taken back.
 */
export function eligibleOnRun(held: number, upgraded: number, granted: number, tradeIn: boolean): number {
  return Math.max(granted, tradeIn ? held + upgraded : held);
}

/** What may still be upgraded: the eligible units less those already upgraded. */
export function remainingEligible(eligible: number, upgraded: number): number {
  return Math.max(0, eligible - upgraded);
}
