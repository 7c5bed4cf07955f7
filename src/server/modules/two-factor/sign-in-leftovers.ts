import type { Db } from '../../db/database.js';
import { ssoRepository } from '../sso/sso.repository.js';
import { twoFactorRepository } from './two-factor.repository.js';

/**
 * Forgets sign-ins that were never finished: second-factor challenges and single sign-on states
 * past their expiry (minutes old; both are refused once expired, so this only keeps tables small).
 */
export function signInLeftovers(db: Db) {
  let lastRun = 0;
  return async (now: Date): Promise<number> => {
    if (now.getTime() - lastRun < 10 * 60_000 && now.getTime() >= lastRun) return 0;
    lastRun = now.getTime();
    const iso = now.toISOString();
    return (
      (await twoFactorRepository.deleteExpiredChallenges(db, iso)) +
      (await ssoRepository.deleteStaleLoginStates(db, iso))
    );
  };
}
