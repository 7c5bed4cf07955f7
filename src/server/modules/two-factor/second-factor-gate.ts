import type { Store } from '../../db/store.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { sha256Hex } from '../../platform/hash.js';
import { newSecret } from '../../platform/ids.js';
import type { SecretSealer } from '../../platform/sealed-secret.js';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/audit.service.js';
import { anonymous, type RequestContext, type UserActor } from '../auth/actor.js';
import type { SessionRestriction, SignInGate } from '../auth/session.service.js';
import type { RateLimiter } from '../rate-limits/rate-limiter.js';
import { looksLikeTotpCode, normalizeRecoveryCode, recoveryCodeHash } from './recovery-codes.js';
import { signInPolicyRepository, type MembershipPolicyRow } from './sign-in-policy.repository.js';
import { matchTotpStep } from './totp.js';
import { twoFactorRepository } from './two-factor.repository.js';

const CHALLENGE_MINUTES = 10;
/** Wrong codes one challenge takes before the password must be given again. */
export const CHALLENGE_ATTEMPTS = 5;
/**
 * Wrong second factors per user in a 15-minute window (6 digits must not be guessable). Only wrong
 * codes count, and only after a correct password; the password step already limits each address.
 */
const SECOND_FACTOR_LIMIT = { limit: 10, windowSeconds: 900 };

export interface GateDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  limiter: RateLimiter;
  sealer: SecretSealer;
}

/** What a user's memberships require of their sign-in. */
export interface SignInRequirements {
  ssoRequiredBy: string[];
  /** Account names, and `the vendor admin role`, that require a second factor. */
  twoFactorRequiredBy: string[];
}

export function requirementsOf(rows: MembershipPolicyRow[]): SignInRequirements {
  const twoFactorRequiredBy = rows.filter((r) => r.two_factor_required === 1).map((r) => r.account_name);
  if (rows.some((r) => r.kind === 'vendor' && r.role === 'admin'))
    twoFactorRequiredBy.unshift('the vendor admin role');
  return {
    ssoRequiredBy: rows.filter((r) => r.sso_required === 1).map((r) => r.account_name),
    twoFactorRequiredBy,
  };
}

/**
 * The rules between a correct password and a session (SessionService's gate):
 * - a member of an account that requires single sign-on is sent to the identity provider;
 * - a user with an authenticator app gets a challenge and must answer it with a code from the app
 *   or a recovery code;
 * - a user of whom a second factor is required (vendor admins always; members of an account that
 *   requires it) and who has none gets a session that may only enrol one.
 * Sessions opened through single sign-on carry no portal second factor: the identity provider
 * decides how its people prove who they are.
 */
export class SecondFactorGate implements SignInGate {
  constructor(private readonly deps: GateDeps) {}

  async afterPassword(ctx: RequestContext, user: { id: string }) {
    const { store, clock } = this.deps;
    const requirements = requirementsOf(await signInPolicyRepository.membershipPolicies(store.db, user.id));
    if (requirements.ssoRequiredBy.length > 0) {
      await this.recordFailure(store.db, ctx, user.id, 'sso_required');
      throw new AppError(
        'sso_required',
        `${requirements.ssoRequiredBy.join(', ')} signs in through its identity provider: choose "Sign in with single sign-on" and give your work e-mail`,
      );
    }
    const totp = await twoFactorRepository.findTotp(store.db, user.id);
    if (totp?.confirmed_at) {
      const challengeToken = newSecret('lc');
      const now = clock.now();
      await twoFactorRepository.insertChallenge(store.db, {
        id_hash: sha256Hex(challengeToken),
        user_id: user.id,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000).toISOString(),
        failed_attempts: 0,
        used_at: null,
      });
      return { next: 'second_factor' as const, challengeToken };
    }
    const restriction: SessionRestriction | null =
      requirements.twoFactorRequiredBy.length > 0 ? 'two_factor_enrollment' : null;
    return { next: 'session' as const, restriction };
  }

  async passChallenge(ctx: RequestContext, challengeToken: string, code: string) {
    const { store, clock, limiter } = this.deps;
    const idHash = sha256Hex(challengeToken);
    const now = clock.now();
    const challenge = await twoFactorRepository.findLiveChallenge(
      store.db,
      idHash,
      now.toISOString(),
      CHALLENGE_ATTEMPTS,
    );
    if (!challenge)
      throw new AppError(
        'token_invalid',
        'this sign-in has expired or had too many wrong codes; enter your password again',
      );
    const user = { id: challenge.id, email: challenge.email, name: challenge.name };
    await limiter.check('second-factor-user', user.id, SECOND_FACTOR_LIMIT);

    const passed = await store.transaction(async (tx) => {
      const factor = await this.spendSecondFactor(tx, user.id, code, now);
      if (!factor) return null;
      // The challenge is spent with the factor, or neither is.
      if (!(await twoFactorRepository.useChallenge(tx, idHash, now.toISOString()))) {
        throw new AppError('token_invalid', 'this sign-in was completed already; enter your password again');
      }
      if (factor === 'recovery_code') {
        const left = await twoFactorRepository.recoveryCodesLeft(tx, user.id);
        await this.deps.audit.record(
          tx,
          { actor: anonymous, ip: ctx.ip },
          {
            action: 'two_factor.recovery_code_used',
            accountId: null,
            targetType: 'user',
            targetId: user.id,
            data: { recoveryCodesLeft: left },
          },
        );
      }
      return factor;
    });
    if (passed) return { user, secondFactor: passed };

    await limiter.consume('second-factor-user', user.id, SECOND_FACTOR_LIMIT);
    const failures = await twoFactorRepository.failChallenge(store.db, idHash);
    await this.recordFailure(store.db, ctx, user.id, 'second_factor');
    if (failures >= CHALLENGE_ATTEMPTS)
      throw new AppError('token_invalid', 'too many wrong codes; enter your password again');
    throw new AppError(
      'invalid_credentials',
      'the code is wrong or was used already; type the current code from your authenticator app, or a recovery code',
    );
  }

  restrictionOf(
    actor: UserActor,
    session: { method: string; second_factor: string | null; restriction: string | null },
  ): SessionRestriction | null {
    if (session.restriction === 'two_factor_enrollment') return 'two_factor_enrollment';
    // The vendor admin role always requires a second factor, whenever it was granted.
    if (actor.vendorRole === 'admin' && session.method === 'password' && session.second_factor === null)
      return 'two_factor_enrollment';
    return null;
  }

  /** Checks and spends a TOTP step or a recovery code in `tx`; the factor used, or null. */
  async spendSecondFactor(
    tx: Db,
    userId: string,
    typed: string,
    now: Date,
  ): Promise<'totp' | 'recovery_code' | null> {
    const code = typed.trim();
    if (looksLikeTotpCode(code)) {
      const totp = await twoFactorRepository.findTotp(tx, userId);
      if (!totp?.confirmed_at) return null;
      const step = matchTotpStep(
        this.deps.sealer.open('totp-seed', totp.secret_sealed),
        code.replace(/\s/g, ''),
        now,
      );
      return step !== null && (await twoFactorRepository.useTotpStep(tx, userId, step)) ? 'totp' : null;
    }
    const normalized = normalizeRecoveryCode(code);
    if (!normalized) return null;
    return (await twoFactorRepository.spendRecoveryCode(
      tx,
      userId,
      recoveryCodeHash(normalized),
      now.toISOString(),
    ))
      ? 'recovery_code'
      : null;
  }

  private recordFailure(db: Db, ctx: RequestContext, userId: string, reason: string): Promise<void> {
    return this.deps.audit.record(
      db,
      { actor: anonymous, ip: ctx.ip },
      {
        action: 'user.sign_in_failed',
        accountId: null,
        targetType: 'user',
        targetId: userId,
        data: { reason },
      },
    );
  }
}
