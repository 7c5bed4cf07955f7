import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import type { SecretSealer } from '../../platform/sealed-secret.js';
import { AppError, fieldError } from '../../http/app-error.js';
import type { TRecoveryCodes, TTotpEnrollment, TTwoFactorStatus } from '../../../contracts/two-factor.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext, UserActor } from '../auth/actor.js';
import type { PasswordHasher } from '../auth/passwords.js';
import type { RateLimiter } from '../rate-limits/rate-limiter.js';
import { requirementsOf } from './second-factor-gate.js';
import {
  newRecoveryCode,
  normalizeRecoveryCode,
  RECOVERY_CODE_COUNT,
  recoveryCodeHash,
} from './recovery-codes.js';
import { signInPolicyRepository } from './sign-in-policy.repository.js';
import { matchTotpStep, newTotpSecret, otpauthUri } from './totp.js';
import { twoFactorRepository } from './two-factor.repository.js';

export interface TwoFactorDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  passwords: PasswordHasher;
  limiter: RateLimiter;
  sealer: SecretSealer;
  /** The name authenticator apps show above the code. */
  issuer: string;
}

/** The signed-in user's own session; API tokens belong to accounts, not people. */
export function signedInUser(ctx: RequestContext): UserActor {
  if (ctx.actor.kind !== 'user')
    throw new AppError('unauthenticated', 'sign in first (with your own session, not an API token)');
  return ctx.actor;
}

/** A user's own second factor: enrol an authenticator app, recovery codes, turn it off. */
export class TwoFactorService {
  constructor(private readonly deps: TwoFactorDeps) {}

  async status(ctx: RequestContext): Promise<TTwoFactorStatus> {
    const user = signedInUser(ctx);
    const { db } = this.deps.store;
    const [totp, left, rows] = await Promise.all([
      twoFactorRepository.findTotp(db, user.userId),
      twoFactorRepository.recoveryCodesLeft(db, user.userId),
      signInPolicyRepository.membershipPolicies(db, user.userId),
    ]);
    const { twoFactorRequiredBy } = requirementsOf(rows);
    return {
      enrolled: Boolean(totp?.confirmed_at),
      enrolledAt: totp?.confirmed_at ?? null,
      recoveryCodesLeft: left,
      required: twoFactorRequiredBy.length > 0,
      requiredBy: twoFactorRequiredBy,
    };
  }

  /** A new secret for the authenticator app; it counts only once a code from the app confirms it. */
  async startEnrolment(ctx: RequestContext): Promise<TTotpEnrollment> {
    const user = signedInUser(ctx);
    const now = this.deps.clock.now();
    const secret = newTotpSecret();
    const stored = await twoFactorRepository.putUnconfirmedTotp(this.deps.store.db, {
      user_id: user.userId,
      secret_sealed: this.deps.sealer.seal('totp-seed', secret),
      created_at: now.toISOString(),
      confirmed_at: null,
      last_used_step: null,
    });
    if (!stored)
      throw new AppError(
        'conflict',
        'an authenticator app is enrolled already; turn it off first to enrol another',
      );
    return { secret, otpauthUri: otpauthUri(secret, this.deps.issuer, user.email) };
  }

  /** The first code proves the app holds the secret; the recovery codes are shown this once. */
  async confirmEnrolment(ctx: RequestContext, code: string): Promise<TRecoveryCodes> {
    const user = signedInUser(ctx);
    const { store, clock, sealer } = this.deps;
    const now = clock.now();
    await this.deps.limiter.consume('totp-enrolment', user.userId, { limit: 10, windowSeconds: 900 });
    return store.transaction(async (tx) => {
      const totp = await twoFactorRepository.findTotp(tx, user.userId);
      if (!totp) throw new AppError('conflict', 'start the enrolment first: POST /me/two-factor/totp');
      if (totp.confirmed_at) throw new AppError('conflict', 'this authenticator app is enrolled already');
      const step = matchTotpStep(sealer.open('totp-seed', totp.secret_sealed), code, now);
      if (step === null)
        throw fieldError(
          'code',
          'the code does not match: check that your phone shows the right time, and type the code it shows now',
        );
      if (!(await twoFactorRepository.confirmTotp(tx, user.userId, now.toISOString(), step)))
        throw new AppError('conflict', 'this authenticator app is enrolled already');
      const recoveryCodes = await this.replaceRecoveryCodes(tx, user.userId, now);
      // This session has just proven the factor: it may do everything again.
      if (user.sessionIdHash) await twoFactorRepository.liftSessionRestriction(tx, user.sessionIdHash);
      await this.deps.audit.record(tx, ctx, {
        action: 'two_factor.enabled',
        accountId: null,
        targetType: 'user',
        targetId: user.userId,
        data: { method: 'totp' },
      });
      return { recoveryCodes };
    });
  }

  async regenerateRecoveryCodes(ctx: RequestContext, password: string): Promise<TRecoveryCodes> {
    const user = signedInUser(ctx);
    await this.reauthenticate(user, password);
    return this.deps.store.transaction(async (tx) => {
      const totp = await twoFactorRepository.findTotp(tx, user.userId);
      if (!totp?.confirmed_at) throw new AppError('conflict', 'enrol an authenticator app first');
      const recoveryCodes = await this.replaceRecoveryCodes(tx, user.userId, this.deps.clock.now());
      await this.deps.audit.record(tx, ctx, {
        action: 'two_factor.recovery_codes_regenerated',
        accountId: null,
        targetType: 'user',
        targetId: user.userId,
      });
      return { recoveryCodes };
    });
  }

  async disable(ctx: RequestContext, password: string): Promise<void> {
    const user = signedInUser(ctx);
    const status = await this.status(ctx);
    if (status.required)
      throw new AppError(
        'conflict',
        `a second factor is required by ${status.requiredBy.join(', ')}; it cannot be turned off`,
      );
    await this.reauthenticate(user, password);
    await this.deps.store.transaction(async (tx) => {
      await twoFactorRepository.deleteTotp(tx, user.userId);
      await twoFactorRepository.deleteRecoveryCodes(tx, user.userId);
      await this.deps.audit.record(tx, ctx, {
        action: 'two_factor.disabled',
        accountId: null,
        targetType: 'user',
        targetId: user.userId,
      });
    });
  }

  private async replaceRecoveryCodes(
    tx: Parameters<typeof twoFactorRepository.replaceRecoveryCodes>[0],
    userId: string,
    now: Date,
  ): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await twoFactorRepository.replaceRecoveryCodes(
      tx,
      userId,
      codes.map((code) => ({
        id: newId('rcv', now),
        user_id: userId,
        code_hash: recoveryCodeHash(normalizeRecoveryCode(code)!),
        created_at: now.toISOString(),
        used_at: null,
      })),
    );
    return codes;
  }

  /** The password again before weakening a second factor: an unattended session is not enough. */
  private async reauthenticate(user: UserActor, password: string): Promise<void> {
    await this.deps.limiter.consume('reauthenticate', user.userId, { limit: 10, windowSeconds: 900 });
    const row = await accountsRepository.findUser(this.deps.store.db, user.userId);
    if (!(await this.deps.passwords.verify(row?.password_hash ?? null, password)))
      throw fieldError('password', 'the password is wrong');
  }
}
