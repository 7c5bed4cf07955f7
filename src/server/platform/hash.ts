import { createHash, timingSafeEqual } from 'node:crypto';

/** Tokens are stored as their SHA-256: a leaked table cannot be replayed. */
export const sha256Hex = (value: string | Buffer): string => createHash('sha256').update(value).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
