import type { EligibleProduct, UpgradeOffer } from './version-upgrade.api';

/** The held products the notification still allows upgrading. */
export function upgradableProducts(offer: UpgradeOffer): EligibleProduct[] {
  return offer.items.filter((item) => item.remaining > 0);
}

/** `3 servers`, `1 TB`: a quantity in the product's unit. */
export function unitsLabel(quantity: number, unit: string): string {
  return unit === 'TB' || quantity === 1 ? `${quantity} ${unit}` : `${quantity} ${unit}s`;
}

/** Why a typed quantity cannot be upgraded, or null when it can (the server checks it again). */
export function quantityFault(quantity: number | string, remaining: number): string | null {
  const n = typeof quantity === 'number' ? quantity : Number(quantity.trim());
  if (quantity === '' || !Number.isInteger(n) || n < 1) return 'Enter a whole number of at least 1.';
  if (n > remaining) return `At most ${remaining} can be upgraded under this notification.`;
  return null;
}

/**
 * A new Idempotency-Key: 128 random bits. One is drawn for each distinct request, so a repeated
 * click or a retry of the same request never upgrades twice, and a changed request is a new one.
 */
export function newAttemptKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
