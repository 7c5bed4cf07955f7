import type { TListedLicenseStatus, TMaintenanceState } from '../../../contracts/license-management.js';

/** Maintenance ending within this many days reads `expiring` (SPEC §11). */
export const EXPIRING_DAYS = 90;

/**
 * The status a person reads. A revoked or retired license stays so; an active one is `expired`
 * once its expiry date (the last day it is valid, UTC) is behind. The list's SQL filter
 * (`statusCondition`) says the same.
 */
export function licenseStatus(row: { status: 'active' | 'revoked' | 'retired'; expires_at: string | null }, today: string): TListedLicenseStatus {
  if (row.status !== 'active') return row.status;
  return row.expires_at !== null && row.expires_at < today ? 'expired' : 'active';
}

/** Today's UTC calendar date, `YYYY-MM-DD`: what expiry dates are compared with. */
export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Today and the end of the `expiring` window, computed once for a page of licenses. */
export interface Calendar {
  today: string;
  horizon: string;
}

export function calendarOf(now: Date): Calendar {
  return { today: todayOf(now), horizon: todayOf(new Date(now.getTime() + EXPIRING_DAYS * 86_400_000)) };
}

/** Maintenance by its end date (`YYYY-MM-DD` or a timestamp) against today. */
export function maintenanceStateOn(endsAt: string | null, { today, horizon }: Calendar): TMaintenanceState {
  if (endsAt === null) return 'none';
  const end = endsAt.slice(0, 10);
  if (end < today) return 'expired';
  return end <= horizon ? 'expiring' : 'active';
}
