import { daysBetween, type CalendarDate } from './calendar-date.js';

/** SPEC §11: a contract's state follows from its dates, and from being superseded by a newer one. */
export type ContractState = 'active' | 'expiring' | 'expired' | 'renewed';

/** A contract is `expiring` from this many days before its end date. */
export const EXPIRING_WITHIN_DAYS = 90;

/** Days until the end date: 0 on the last covered day, negative once expired. */
export const daysLeft = (endsAt: CalendarDate, today: CalendarDate): number => daysBetween(today, endsAt);

export function contractState(contract: { endsAt: CalendarDate; renewed: boolean }, today: CalendarDate): ContractState {
  if (contract.renewed) return 'renewed';
  const left = daysLeft(contract.endsAt, today);
  if (left < 0) return 'expired';
  return left <= EXPIRING_WITHIN_DAYS ? 'expiring' : 'active';
}

export type RenewalCheck = { ok: true } | { ok: false; code: 'not_later' | 'superseded'; message: string };

/**
 * Renewing in place moves the end date later (SPEC §13 `renew`); an earlier or equal date is a
 * correction, not a renewal, and a contract superseded by a newer one is renewed through that one.
 */
export function checkRenewal(contract: { endsAt: CalendarDate; renewed: boolean }, newEndsAt: CalendarDate): RenewalCheck {
  if (contract.renewed) return { ok: false, code: 'superseded', message: 'this contract was superseded by a newer one; renew that one' };
  if (newEndsAt <= contract.endsAt) return { ok: false, code: 'not_later', message: `must be later than the current end date ${contract.endsAt}` };
  return { ok: true };
}
