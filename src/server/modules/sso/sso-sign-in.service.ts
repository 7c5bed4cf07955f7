import type { Store } from '../../db/store.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { sha256Hex } from '../../platform/hash.js';
import { newId, newSecret } from '../../platform/ids.js';
import type { SecretSealer } from '../../platform/sealed-secret.js';
import { AppError } from '../../http/app-error.js';
import type { TSsoErrorCode } from '../../../contracts/sso.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import type { AuditLog } from '../audit/audit.service.js';
import { anonymous, type RequestContext } from '../auth/actor.js';
import type { SessionService, SignedIn, SignInContext } from '../auth/session.service.js';
import type { RateLimiter } from '../rate-limits/rate-limiter.js';
import { domainOfEmail } from './domain-verification.js';
import { newPkceVerifier, OidcError, type IdTokenClaims, type OidcClient } from './oidc-client.js';
import { ssoRepository } from './sso.repository.js';
import type { IdentityProvidersTable } from './sso.table.js';

const STATE_MINUTES = 10;

export interface SsoSignInDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  limiter: RateLimiter;
  sealer: SecretSealer;
  oidc: OidcClient;
  sessions: SessionService;
  redirectUri: string;
}

export type SsoOutcome =
  { ok: true; signedIn: SignedIn; returnTo: string } | { ok: false; code: TSsoErrorCode; message: string };

/** Where to land after signing in: a path inside the portal, never another site. */
export const safeReturnTo = (value: string | null | undefined): string =>
  value && /^\/(?![/\\])/.test(value) ? value : '/';

/**
 * Single sign-on: an e-mail whose verified domain routes to an account's OpenID Connect provider
 * is sent there; the provider's answer opens a session. The provider is believed about an address
 * only within the domains its account has proven it owns; people who are not members yet join
 * with the provider's just-in-time role, when the account gives one.
 */
export class SsoSignInService {
  constructor(private readonly deps: SsoSignInDeps) {}

  /** The provider's sign-in URL for this e-mail, or null (sign in with a password); and the browser binding to set as a cookie. */
  async start(
    ctx: RequestContext,
    email: string,
    returnTo: string | undefined,
  ): Promise<{ redirectUrl: string; browserBinding: string } | { redirectUrl: null }> {
    const { store, clock, oidc } = this.deps;
    await this.deps.limiter.consume('sso-start-address', ctx.ip ?? 'unknown', {
      limit: 60,
      windowSeconds: 300,
    });
    const route = await ssoRepository.routeForDomain(store.db, domainOfEmail(email));
    if (!route) return { redirectUrl: null };
    const provider = (await ssoRepository.findProvider(store.db, route.provider_id))!;
    const metadata = await oidc.discover(provider.issuer).catch((error: unknown) => {
      if (error instanceof OidcError)
        throw new AppError(
          'unavailable',
          `the identity provider of ${route.account_name} cannot be reached just now; try again in a few minutes`,
        );
      throw error;
    });
    const state = newSecret();
    const nonce = newSecret();
    const codeVerifier = newPkceVerifier();
    const browserBinding = newSecret();
    const now = clock.now();
    await ssoRepository.insertLoginState(store.db, {
      state_hash: sha256Hex(state),
      provider_id: provider.id,
      browser_hash: sha256Hex(browserBinding),
      nonce,
      code_verifier: codeVerifier,
      return_to: safeReturnTo(returnTo),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + STATE_MINUTES * 60_000).toISOString(),
      used_at: null,
    });
    const redirectUrl = oidc.authorizationUrl(metadata, {
      clientId: provider.client_id,
      redirectUri: this.deps.redirectUri,
      state,
      nonce,
      codeVerifier,
      loginHint: email,
    });
    return { redirectUrl, browserBinding };
  }

  /** The provider sent the browser back: check everything, find or make the member, open a session. */
  async callback(
    ctx: SignInContext,
    query: { code?: string | undefined; state?: string | undefined; error?: string | undefined },
    browserBinding: string | undefined,
  ): Promise<SsoOutcome> {
    const { store, clock, oidc, sealer } = this.deps;
    const now = clock.now();
    const stateRow = query.state
      ? await ssoRepository.takeLoginState(store.db, sha256Hex(query.state), now.toISOString())
      : undefined;
    if (!stateRow || !browserBinding || sha256Hex(browserBinding) !== stateRow.browser_hash) {
      return refuse(
        'sign_in_expired',
        'this sign-in was not started in this browser, was used already, or took too long; start again',
      );
    }
    if (query.error || !query.code)
      return refuse(
        'provider_refused',
        `the identity provider did not sign you in (${query.error ?? 'no code'})`,
      );
    const provider = await ssoRepository.findProvider(store.db, stateRow.provider_id);
    if (!provider)
      return refuse('sign_in_expired', 'single sign-on was switched off for this account meanwhile');

    let claims: IdTokenClaims;
    try {
      const metadata = await oidc.discover(provider.issuer);
      claims = await oidc.redeemCode(metadata, {
        clientId: provider.client_id,
        clientSecret: sealer.open('oidc-client-secret', provider.client_secret_sealed),
        redirectUri: this.deps.redirectUri,
        code: query.code,
        codeVerifier: stateRow.code_verifier,
        nonce: stateRow.nonce,
        now,
      });
    } catch (error) {
      if (!(error instanceof OidcError)) throw error;
      await this.recordRefusal(ctx, provider, { reason: error.code, detail: error.message });
      return refuse(
        error.code === 'id_token_invalid'
          ? 'id_token_invalid'
          : error.code === 'provider_unreachable'
            ? 'provider_unreachable'
            : 'provider_refused',
        error.message,
      );
    }

    const member = await store.transaction((tx) => this.memberFor(tx, ctx, provider, claims, now));
    if (!member.ok) {
      await this.recordRefusal(ctx, provider, { reason: member.code, email: claims.email });
      return member;
    }
    const signedIn = await this.deps.sessions.openSession(ctx, member.user, {
      method: 'sso',
      secondFactor: null,
      restriction: null,
    });
    return { ok: true, signedIn, returnTo: stateRow.return_to ?? '/' };
  }

  /** Refusals go to the account's audit log: its admin can see why a colleague could not sign in. */
  private recordRefusal(
    ctx: RequestContext,
    provider: IdentityProvidersTable,
    data: Record<string, unknown>,
  ): Promise<void> {
    return this.deps.audit.record(
      this.deps.store.db,
      { actor: anonymous, ip: ctx.ip },
      {
        action: 'sso.sign_in_refused',
        accountId: provider.account_id,
        targetType: 'identity_provider',
        targetId: provider.id,
        data,
      },
    );
  }

  /**
   * The portal user the provider vouches for, a member of the provider's account; made just in
   * time where the account allows. Every refusal comes before the first write.
   */
  private async memberFor(
    tx: Db,
    ctx: RequestContext,
    provider: IdentityProvidersTable,
    claims: IdTokenClaims,
    now: Date,
  ) {
    const at = now.toISOString();
    const identity = await ssoRepository.findIdentity(tx, provider.id, claims.sub);
    let user = identity ? await accountsRepository.findUser(tx, identity.user_id) : undefined;
    if (!user) {
      if (!claims.email)
        return refuse(
          'email_missing',
          'the identity provider did not say which e-mail address you have (scope "email")',
        );
      if (claims.emailVerified === false)
        return refuse('email_missing', 'the identity provider says your e-mail address is not verified');
      if (!(await ssoRepository.isVerifiedDomainOf(tx, provider.account_id, domainOfEmail(claims.email)))) {
        return refuse(
          'domain_not_verified',
          `${domainOfEmail(claims.email)} is not a verified domain of this account, so its provider cannot sign in ${claims.email}`,
        );
      }
      user = await accountsRepository.findUserByEmail(tx, claims.email);
    }
    if (user?.disabled_at)
      return refuse('user_disabled', "your portal user is disabled; ask the vendor's support");
    const isMember = user
      ? (await accountsRepository.grantsOfUser(tx, user.id)).some((g) => g.account_id === provider.account_id)
      : false;
    if (!isMember && !provider.jit_role)
      return refuse('not_a_member', 'you are not a member of this account yet; ask its admin to add you');

    if (!user) {
      user = {
        id: newId('user', now),
        email: claims.email!,
        name: claims.name ?? claims.email!,
        password_hash: null,
        created_at: at,
        disabled_at: null,
      };
      await accountsRepository.insertUser(tx, user);
      await this.deps.audit.record(tx, ctx, {
        action: 'user.created',
        accountId: provider.account_id,
        targetType: 'user',
        targetId: user.id,
        data: { email: user.email, by: 'sso' },
      });
    }
    await ssoRepository.linkIdentity(tx, {
      provider_id: provider.id,
      subject: claims.sub,
      user_id: user.id,
      created_at: at,
      last_signed_in_at: at,
    });
    if (!identity) {
      await this.deps.audit.record(tx, ctx, {
        action: 'sso.identity_linked',
        accountId: provider.account_id,
        targetType: 'user',
        targetId: user.id,
        data: { issuer: provider.issuer, subject: claims.sub },
      });
    }
    if (!isMember) {
      await accountsRepository.upsertMembership(tx, {
        account_id: provider.account_id,
        user_id: user.id,
        role: provider.jit_role!,
        created_at: at,
      });
      await this.deps.audit.record(tx, ctx, {
        action: 'membership.set',
        accountId: provider.account_id,
        targetType: 'user',
        targetId: user.id,
        data: { email: user.email, role: provider.jit_role, justInTime: true },
      });
    }
    return { ok: true as const, user: { id: user.id, email: user.email, name: user.name } };
  }
}

function refuse(code: TSsoErrorCode, message: string): { ok: false; code: TSsoErrorCode; message: string } {
  return { ok: false, code, message };
}
