import { describe, expect, it } from 'vitest';
import { eligibleOnRun, heldWithMaintenance, isEligibleOn, remainingEligible, type HeldLicense } from './eligibility.js';

const CAMPAIGN_DAY = '2027-03-01';
const license = (overrides: Partial<HeldLicense> = {}): HeldLicense => ({
  licenseId: 'lic_1',
  productSku: 'VB-22-SRV',
  quantity: 3,
  status: 'active',
  expiresAt: null,
  maintenance: [{ startsAt: '2026-03-01', endsAt: '2027-02-28' }],
  ...overrides,
});
const FROM = new Set(['VB-22-SRV']);

describe('upgrade eligibility on the campaign date', () => {
  it('does not count a license whose maintenance ended the day before the campaign', () => {
    expect(isEligibleOn(license(), FROM, CAMPAIGN_DAY)).toBe(false);
  });

  it('counts maintenance that ends on the campaign day itself, or starts on it', () => {
    expect(isEligibleOn(license({ maintenance: [{ startsAt: '2026-03-01', endsAt: CAMPAIGN_DAY }] }), FROM, CAMPAIGN_DAY)).toBe(true);
    expect(isEligibleOn(license({ maintenance: [{ startsAt: CAMPAIGN_DAY, endsAt: '2028-02-28' }] }), FROM, CAMPAIGN_DAY)).toBe(true);
    expect(isEligibleOn(license({ maintenance: [{ startsAt: '2027-03-02', endsAt: '2028-02-28' }] }), FROM, CAMPAIGN_DAY)).toBe(false);
  });

  it('counts a renewal: the newer contract covers the day the older one no longer does', () => {
    const renewed = license({ maintenance: [{ startsAt: '2026-03-01', endsAt: '2027-02-28' }, { startsAt: '2027-03-01', endsAt: '2028-02-29' }] });
    expect(isEligibleOn(renewed, FROM, CAMPAIGN_DAY)).toBe(true);
  });

  it('leaves out other products, revoked or retired licenses, expired subscriptions and licenses without maintenance', () => {
    const covered = { maintenance: [{ startsAt: '2026-03-01', endsAt: '2028-02-29' }] };
    expect(isEligibleOn(license({ ...covered, productSku: 'VB-23-SRV' }), FROM, CAMPAIGN_DAY)).toBe(false);
    expect(isEligibleOn(license({ ...covered, status: 'revoked' }), FROM, CAMPAIGN_DAY)).toBe(false);
    expect(isEligibleOn(license({ ...covered, status: 'retired' }), FROM, CAMPAIGN_DAY)).toBe(false);
    expect(isEligibleOn(license({ ...covered, expiresAt: '2027-02-28' }), FROM, CAMPAIGN_DAY)).toBe(false);
    expect(isEligibleOn(license({ ...covered, expiresAt: CAMPAIGN_DAY }), FROM, CAMPAIGN_DAY)).toBe(true);
    expect(isEligibleOn(license({ maintenance: [] }), FROM, CAMPAIGN_DAY)).toBe(false);
  });

  it('adds the units per product over every eligible license', () => {
    const covered = [{ startsAt: '2026-03-01', endsAt: '2028-02-29' }];
    const held = heldWithMaintenance(
      [
        license({ licenseId: 'a', quantity: 3, maintenance: covered }),
        license({ licenseId: 'b', quantity: 2, maintenance: covered }),
        license({ licenseId: 'c', quantity: 7 }), // maintenance ended the day before
        license({ licenseId: 'd', productSku: 'VB-22-AGT', quantity: 4, maintenance: covered }),
        license({ licenseId: 'e', productSku: 'VCA-TB', quantity: 10, maintenance: covered }),
      ],
      ['VB-22-SRV', 'VB-22-AGT'],
      CAMPAIGN_DAY,
    );
    expect(Object.fromEntries(held)).toEqual({ 'VB-22-SRV': 5, 'VB-22-AGT': 4 });
  });
});

describe('what remains after upgrades', () => {
  it('is the eligible units less those upgraded, never below zero', () => {
    expect(remainingEligible(5, 0)).toBe(5);
    expect(remainingEligible(5, 2)).toBe(3);
    expect(remainingEligible(5, 5)).toBe(0);
    expect(remainingEligible(5, 6)).toBe(0);
  });

  it('on a rerun, counts the old licenses still held under upgrade rights, and adds back the traded-in ones', () => {
    // 5 held, 2 upgraded: upgrade rights keep all 5 licenses; a trade-in left 3 of them.
    expect(eligibleOnRun(5, 2, 5, false)).toBe(5);
    expect(eligibleOnRun(3, 2, 5, true)).toBe(5);
    // 4 more bought since the first run
    expect(eligibleOnRun(9, 2, 5, false)).toBe(9);
    expect(eligibleOnRun(7, 2, 5, true)).toBe(9);
  });

  it('never takes back what a notification granted, when maintenance ran out since', () => {
    expect(eligibleOnRun(0, 1, 5, false)).toBe(5);
    expect(eligibleOnRun(0, 1, 5, true)).toBe(5);
  });
});
