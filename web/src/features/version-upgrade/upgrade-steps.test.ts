import { describe, expect, it } from 'vitest';
import { newAttemptKey, quantityFault, unitsLabel, upgradableProducts } from './upgrade-steps';
import type { UpgradeOffer } from './version-upgrade.api';

const item = (sku: string, remaining: number) =>
  ({ product: { sku }, eligible: 5, upgraded: 5 - remaining, remaining }) as UpgradeOffer['items'][number];

describe('the upgrade steps', () => {
  it('offers only the products with units left', () => {
    const offer = { items: [item('A', 0), item('B', 2)] } as UpgradeOffer;
    expect(upgradableProducts(offer).map((i) => i.product.sku)).toEqual(['B']);
  });

  it('accepts a whole quantity from 1 up to what remains', () => {
    expect(quantityFault(1, 3)).toBeNull();
    expect(quantityFault('3', 3)).toBeNull();
    expect(quantityFault(4, 3)).toBe('At most 3 can be upgraded under this notification.');
    for (const bad of [0, -1, 1.5, '', 'two'])
      expect(quantityFault(bad, 3)).toBe('Enter a whole number of at least 1.');
  });

  it('says quantities in the product’s unit', () => {
    expect(unitsLabel(1, 'server')).toBe('1 server');
    expect(unitsLabel(3, 'socket')).toBe('3 sockets');
    expect(unitsLabel(10, 'TB')).toBe('10 TB');
  });

  it('draws a different key for each request', () => {
    const keys = new Set(Array.from({ length: 50 }, newAttemptKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
  });
});
