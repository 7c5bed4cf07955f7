import { Redis } from 'ioredis';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../http/app-error.js';
import { rateLimitsRepository, type WindowCount } from './rate-limits.repository.js';

/** A named limit: at most `limit` points per `windowSeconds` for one subject (an address, an account). */
export interface RateLimitPolicy {
  limit: number;
  windowSeconds: number;
}

/** Where counters live: the database by default, Redis when REDIS_URL is set; shared across instances. */
export interface CounterStore {
  hit(key: string, points: number, now: Date, windowSeconds: number): Promise<WindowCount>;
  peek(key: string, now: Date): Promise<WindowCount | undefined>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export function databaseCounterStore(db: Db): CounterStore {
  return {
    hit: (key, points, now, windowSeconds) =>
      rateLimitsRepository.hit(db, key, points, now.toISOString(), new Date(now.getTime() + windowSeconds * 1000).toISOString()),
    peek: (key, now) => rateLimitsRepository.peek(db, key, now.toISOString()),
    reset: (key) => rateLimitsRepository.reset(db, key),
    close: async () => {},
  };
}

// INCRBY, and start the window's clock on the first hit; atomic inside Redis.
const HIT_SCRIPT = `local v = redis.call('INCRBY', KEYS[1], ARGV[1])
if v == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {v, redis.call('PTTL', KEYS[1])}`;

export function redisCounterStore(url: string): CounterStore {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  const toCount = (count: number, ttlMs: number, now: Date): WindowCount => ({
    count,
    resetAt: new Date(now.getTime() + Math.max(ttlMs, 0)).toISOString(),
  });
  return {
    async hit(key, points, now, windowSeconds) {
      const [count, ttl] = (await redis.eval(HIT_SCRIPT, 1, `lp:rl:${key}`, points, windowSeconds * 1000)) as [number, number];
      return toCount(count, ttl, now);
    },
    async peek(key, now) {
      const [value, ttl] = await Promise.all([redis.get(`lp:rl:${key}`), redis.pttl(`lp:rl:${key}`)]);
      return value === null ? undefined : toCount(Number(value), ttl, now);
    },
    async reset(key) {
      await redis.del(`lp:rl:${key}`);
    },
    async close() {
      redis.disconnect();
    },
  };
}

export class RateLimiter {
  constructor(
    private readonly store: CounterStore,
    private readonly clock: Clock,
  ) {}

  /** Counts one attempt; throws 429 with Retry-After once the subject is over the limit. */
  async consume(name: string, subject: string, policy: RateLimitPolicy, points = 1): Promise<void> {
    const now = this.clock.now();
    const window = await this.store.hit(`${name}:${subject}`, points, now, policy.windowSeconds);
    if (window.count > policy.limit) throw tooMany(window, now);
  }

  /** Throws 429 when the subject is already over the limit, without counting. */
  async check(name: string, subject: string, policy: RateLimitPolicy): Promise<void> {
    const now = this.clock.now();
    const window = await this.store.peek(`${name}:${subject}`, now);
    if (window && window.count >= policy.limit) throw tooMany(window, now);
  }

  async reset(name: string, subject: string): Promise<void> {
    await this.store.reset(`${name}:${subject}`);
  }
}

function tooMany(window: WindowCount, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((Date.parse(window.resetAt) - now.getTime()) / 1000));
  return new AppError('rate_limited', `too many attempts; try again in ${seconds} seconds`, undefined, {
    'retry-after': String(seconds),
  });
}
