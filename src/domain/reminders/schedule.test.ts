import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isCalendarDate } from './calendar-date.js';
import { checkRenewal, contractState } from './contract-state.js';
import { normalizeSchedule } from './schedule.js';

describe('reminder schedules', () => {
  it('normalizes to unique lead days, most distant first, and is idempotent', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 365 }), { minLength: 1, maxLength: 12 }), fc.boolean(), fc.boolean(), (leadDays, dayOf, expired) => {
        const once = normalizeSchedule({ leadDays, dayOf, expired });
        expect(once.ok).toBe(true);
        if (!once.ok) return;
        expect(once.schedule.leadDays).toEqual([...new Set(leadDays)].sort((a, b) => b - a));
        expect(normalizeSchedule(once.schedule)).toEqual(once);
      }),
    );
  });

  it('names the field of a bad lead day', () => {
    expect(normalizeSchedule({ leadDays: [90, 0], dayOf: false, expired: false })).toMatchObject({ ok: false, field: 'leadDays.1' });
    expect(normalizeSchedule({ leadDays: [400], dayOf: false, expired: false })).toMatchObject({ ok: false, field: 'leadDays.0' });
    expect(normalizeSchedule({ leadDays: [2.5], dayOf: false, expired: false })).toMatchObject({ ok: false });
    expect(normalizeSchedule({ leadDays: [], dayOf: false, expired: false })).toMatchObject({ ok: false, field: 'leadDays' });
    expect(normalizeSchedule({ leadDays: [], dayOf: false, expired: true })).toMatchObject({ ok: true });
  });
});

describe('contract states', () => {
  const arbDay = fc.integer({ min: 0, max: 5000 }).map((n) => addDays('2025-01-01', n));

  it('follow the dates: active, expiring within 90 days (end date included), expired after', () => {
    fc.assert(
      fc.property(arbDay, fc.integer({ min: -400, max: 400 }), (endsAt, offset) => {
        const today = addDays(endsAt, -offset);
        const state = contractState({ endsAt, renewed: false }, today);
        expect(state).toBe(offset < 0 ? 'expired' : offset <= 90 ? 'expiring' : 'active');
        expect(contractState({ endsAt, renewed: true }, today)).toBe('renewed');
      }),
    );
  });

  it('renew only to a later date, and not a superseded contract', () => {
    expect(checkRenewal({ endsAt: '2027-03-31', renewed: false }, '2028-03-31')).toEqual({ ok: true });
    expect(checkRenewal({ endsAt: '2027-03-31', renewed: false }, '2027-03-31')).toMatchObject({ ok: false, code: 'not_later' });
    expect(checkRenewal({ endsAt: '2027-03-31', renewed: true }, '2028-03-31')).toMatchObject({ ok: false, code: 'superseded' });
  });
});

describe('calendar dates', () => {
  it('add and count days across months, leap years and years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20000 }), fc.integer({ min: -2000, max: 2000 }), (start, delta) => {
        const from = addDays('1990-01-01', start);
        expect(isCalendarDate(from)).toBe(true);
        expect(daysBetween(from, addDays(from, delta))).toBe(delta);
      }),
    );
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(isCalendarDate('2027-02-29')).toBe(false);
  });
});
