import { AppError } from '../../http/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { RateLimiter, RateLimitPolicy } from '../rate-limits/rate-limiter.js';

/** Unknown license keys an address may ask about per window before it has to wait. */
export const UNKNOWN_KEY_POLICY: RateLimitPolicy = { limit: 30, windowSeconds: 600 };
const MAX_REMEMBERED = 10_000;

/**
 * Stops license keys being guessed through validation and activation. Misses are counted per
 * address in the shared rate-limit store; once an address is over, this instance also remembers it
 * until the window ends, so that it is refused before any lookup (otherwise a guesser would still
 * tell a hit from a 429) and so that known keys cost no extra round-trip on the hot path.
 * Memory grows with the addresses over the limit, never with the licenses.
 */
export class KeyGuessGuard {
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly limiter: RateLimiter,
    private readonly clock: Clock,
    private readonly policy: RateLimitPolicy = UNKNOWN_KEY_POLICY,
  ) {}

  /** Throws 429 when this address is known to be over its limit; no I/O. */
  assertAllowed(ip: string | null): void {
    if (ip === null) return;
    const until = this.blockedUntil.get(ip);
    if (until === undefined) return;
    const left = until - this.clock.now().getTime();
    if (left <= 0) {
      this.blockedUntil.delete(ip);
      return;
    }
    const seconds = Math.ceil(left / 1000);
    throw new AppError('rate_limited', `too many unknown license keys from this address; try again in ${seconds} seconds`, undefined, { 'retry-after': String(seconds) });
  }

  /** Counts an unknown key; throws 429 (and remembers the address) once it is over the limit. */
  async miss(ip: string | null): Promise<void> {
    if (ip === null) return;
    try {
      await this.limiter.consume('license-key-miss', ip, this.policy);
    } catch (error) {
      if (error instanceof AppError && error.code === 'rate_limited') this.remember(ip, Number(error.headers?.['retry-after'] ?? this.policy.windowSeconds));
      throw error;
    }
  }

  private remember(ip: string, seconds: number): void {
    if (this.blockedUntil.size >= MAX_REMEMBERED) {
      const oldest = this.blockedUntil.keys().next().value;
      if (oldest !== undefined) this.blockedUntil.delete(oldest);
    }
    this.blockedUntil.set(ip, this.clock.now().getTime() + seconds * 1000);
  }
}
