import type { Db } from '../db/database.js';
import { idempotencyRepository } from '../modules/idempotency/idempotency.repository.js';
import { rateLimitsRepository } from '../modules/rate-limits/rate-limits.repository.js';

/** Forgets what has expired: idempotency answers after 24 hours, rate-limit windows once over. */
export function housekeeping(db: Db) {
  let lastRun = 0;
  return async (now: Date): Promise<number> => {
    if (now.getTime() - lastRun < 60_000 && now.getTime() >= lastRun) return 0;
    lastRun = now.getTime();
    const iso = now.toISOString();
    return (await idempotencyRepository.purgeExpired(db, iso)) + (await rateLimitsRepository.purgeExpired(db, iso));
  };
}
