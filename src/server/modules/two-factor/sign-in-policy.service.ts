import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../http/app-error.js';
import type { TSignInPolicy } from '../../../contracts/two-factor.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { ssoRepository } from '../sso/sso.repository.js';
import { signInPolicyRepository } from './sign-in-policy.repository.js';
import { twoFactorRepository } from './two-factor.repository.js';

export interface SignInPolicyDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
}

/**
 * What an account's admin requires of its members' sign-ins: a second factor, and/or single sign-on.
 * Both take effect at once: sessions that fall short are restricted (second factor) or ended (SSO).
 * Vendor staff may change either for any account: the way back when an identity provider is down.
 */
export class SignInPolicyService {
  constructor(private readonly deps: SignInPolicyDeps) {}

  async get(ctx: RequestContext, accountId: string): Promise<TSignInPolicy> {
    authorize(ctx.actor, 'account.read', accountId);
    const row = await signInPolicyRepository.findPolicy(this.deps.store.db, accountId);
    return {
      accountId,
      twoFactorRequired: row?.two_factor_required === 1,
      ssoRequired: row?.sso_required === 1,
    };
  }

  async update(
    ctx: RequestContext,
    accountId: string,
    change: { twoFactorRequired?: boolean | undefined; ssoRequired?: boolean | undefined },
  ): Promise<TSignInPolicy> {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    // A member changing their own account's policy must meet it first; vendor staff acting on a
    // customer's account are not members there and are not held to it.
    const isMemberActing = ctx.actor.kind === 'user' && ctx.actor.grants.get(accountId)?.via === 'membership';
    return this.deps.store.transaction(async (tx) => {
      if (!(await accountsRepository.findAccount(tx, accountId))) throw notFound('account');
      const before = await signInPolicyRepository.findPolicy(tx, accountId);
      const was = {
        twoFactorRequired: before?.two_factor_required === 1,
        ssoRequired: before?.sso_required === 1,
      };
      const next = {
        twoFactorRequired: change.twoFactorRequired ?? was.twoFactorRequired,
        ssoRequired: change.ssoRequired ?? was.ssoRequired,
      };

      if (next.twoFactorRequired && !was.twoFactorRequired && isMemberActing && ctx.actor.kind === 'user') {
        const own = await twoFactorRepository.findTotp(tx, ctx.actor.userId);
        if (!own?.confirmed_at)
          throw new AppError('conflict', 'enrol a second factor yourself before requiring one of everybody');
      }
      if (next.ssoRequired && !was.ssoRequired) {
        if (!(await ssoRepository.findProviderOfAccount(tx, accountId)))
          throw new AppError('conflict', 'configure the identity provider before requiring single sign-on');
        // Proof that the provider works for this admin, or they would shut themselves out.
        const session =
          ctx.actor.kind === 'user' && ctx.actor.sessionIdHash
            ? await ssoRepository.sessionMethod(tx, ctx.actor.sessionIdHash)
            : undefined;
        if (isMemberActing && session !== 'sso')
          throw new AppError(
            'conflict',
            'sign in through the identity provider yourself once before requiring it of everybody',
          );
      }

      await signInPolicyRepository.upsertPolicy(tx, {
        account_id: accountId,
        two_factor_required: next.twoFactorRequired ? 1 : 0,
        sso_required: next.ssoRequired ? 1 : 0,
        updated_at: this.deps.clock.now().toISOString(),
      });
      const restricted =
        next.twoFactorRequired && !was.twoFactorRequired
          ? await signInPolicyRepository.restrictSessionsWithoutSecondFactor(tx, accountId)
          : 0;
      const ended =
        next.ssoRequired && !was.ssoRequired
          ? await signInPolicyRepository.endPasswordSessionsOfMembers(tx, accountId)
          : 0;
      await this.deps.audit.record(tx, ctx, {
        action: 'account.sign_in_policy_changed',
        accountId,
        partnerAccountId: access.partnerAccountId,
        targetType: 'account',
        targetId: accountId,
        data: { before: was, after: next, sessionsRestricted: restricted, sessionsEnded: ended },
      });
      return { accountId, ...next };
    });
  }
}
