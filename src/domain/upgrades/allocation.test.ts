import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateUpgrade, availableUnits, unitsLeft, type UpgradeSource } from './allocation.js';
import { reviewUpgradeItems } from './request.js';

const source = (licenseId: string, quantity: number, upgradedAlready = 0): UpgradeSource => ({ licenseId, quantity, upgradedAlready });

describe('drawing an upgrade on held licenses', () => {
  it('takes whole licenses oldest first and splits the last one', () => {
    expect(allocateUpgrade([source('a', 2), source('b', 3), source('c', 4)], 4)).toEqual({
      ok: true,
      parts: [
        { licenseId: 'a', quantity: 2, keeps: 0 },
        { licenseId: 'b', quantity: 2, keeps: 1 },
      ],
    });
  });

  it('skips the units already upgraded, so partial upgrades in rounds continue where the last stopped', () => {
    const sources = [source('a', 2, 2), source('b', 3, 1)];
    expect(allocateUpgrade(sources, 2)).toEqual({ ok: true, parts: [{ licenseId: 'b', quantity: 2, keeps: 0 }] });
    expect(allocateUpgrade(sources, 3)).toEqual({ ok: false, available: 2 });
  });

  it('refuses a quantity below one', () => {
    expect(() => allocateUpgrade([source('a', 2)], 0)).toThrow(RangeError);
  });

  it('always takes exactly the quantity, within each license, or says how many are available', () => {
    const arbSources = fc.array(
      fc.record({ quantity: fc.integer({ min: 1, max: 20 }), used: fc.integer({ min: 0, max: 20 }) }).map(({ quantity, used }) => ({ quantity, used: Math.min(used, quantity) })),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(arbSources, fc.integer({ min: 1, max: 100 }), (raw, wanted) => {
        const sources = raw.map((s, i) => source(`l${i}`, s.quantity, s.used));
        const result = allocateUpgrade(sources, wanted);
        if (!result.ok) return result.available === availableUnits(sources) && result.available < wanted;
        const total = result.parts.reduce((sum, p) => sum + p.quantity, 0);
        const fits = result.parts.every((p) => {
          const s = sources.find((x) => x.licenseId === p.licenseId)!;
          return p.quantity >= 1 && p.quantity + p.keeps === unitsLeft(s);
        });
        return total === wanted && fits && new Set(result.parts.map((p) => p.licenseId)).size === result.parts.length;
      }),
    );
  });
});

describe('reviewing the items of an upgrade request', () => {
  const remaining = new Map([
    ['VB-22-SRV', 3],
    ['VB-22-AGT', 0],
  ]);

  it('accepts quantities up to what remains', () => {
    expect(reviewUpgradeItems([{ productSku: 'VB-22-SRV', quantity: 3 }], remaining)).toEqual([]);
  });

  it('names the item above what remains, a product named twice and one the notification does not cover', () => {
    const faults = reviewUpgradeItems(
      [
        { productSku: 'VB-22-SRV', quantity: 1 },
        { productSku: 'VB-22-AGT', quantity: 1 },
        { productSku: 'VB-22-SRV', quantity: 1 },
        { productSku: 'VCA-TB', quantity: 1 },
      ],
      remaining,
    );
    expect(faults).toEqual([
      { index: 1, field: 'quantity', kind: 'exceeds_eligible', remaining: 0 },
      { index: 2, field: 'productSku', kind: 'repeated' },
      { index: 3, field: 'productSku', kind: 'not_in_notification' },
    ]);
  });
});
