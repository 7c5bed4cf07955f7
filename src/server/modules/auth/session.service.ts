import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { sha256Hex } from '../../platform/hash.js';
import { newSecret } from '../../platform/ids.js';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/audit.service.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import type { RateLimiter, RateLimitPolicy } from '../rate-limits/rate-limiter.js';
import { anonymous, type AccountGrant, type Actor, type RequestContext, type UserActor } from './actor.js';
import { authRepository } from './auth.repository.js';
import type { PasswordHasher } from './passwords.js';

const SESSION_DAYS = 14;
/** last_seen_at is written at most this often, so reads do not turn into writes. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** Wrong passwords per account, and attempts per address, in a 15-minute window. */
export const LOGIN_LIMITS: Record<'account' | 'address', RateLimitPolicy> = {
  account: { limit: 10, windowSeconds: 900 },
  address: { limit: 100, windowSeconds: 900 },
};

export interface SessionDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  passwords: PasswordHasher;
  limiter: RateLimiter;
}

export interface SignedIn {
  sessionToken: string;
  csrfToken: string;
  user: { id: string; email: string; name: string };
  expiresAt: Date;
  restriction: SessionRestriction | null;
}

/** A session that may do nothing but enrol a second factor (required of it, and not yet enrolled). */
export type SessionRestriction = 'two_factor_enrollment';

/** How a session was opened; kept with it so policies can judge it later. */
export interface SessionOpening {
  method: 'password' | 'sso';
  secondFactor: 'totp' | 'recovery_code' | null;
  restriction: SessionRestriction | null;
}

type SignInUser = { id: string; email: string; name: string };

/**
 * What follows a correct password: the second-factor and single sign-on policies
 * (modules/two-factor). Without a gate, a correct password opens a session.
 */
export interface SignInGate {
  /** May throw (e.g. the account signs in through its identity provider only). */
  afterPassword(ctx: RequestContext, user: SignInUser): Promise<{ next: 'session'; restriction: SessionRestriction | null } | { next: 'second_factor'; challengeToken: string }>;
  /** Checks the second factor against a challenge from `afterPassword`; throws when it fails. */
  passChallenge(ctx: RequestContext, challengeToken: string, code: string): Promise<{ user: SignInUser; secondFactor: 'totp' | 'recovery_code' }>;
  /** The restriction a live session has now (a policy may have changed since it opened). */
  restrictionOf(actor: UserActor, session: { method: string; second_factor: string | null; restriction: string | null }): SessionRestriction | null;
}

/** A correct password for a user with a second factor: no session yet, a challenge instead. */
export interface SecondFactorRequired {
  twoFactorRequired: true;
  challengeToken: string;
}

export type SignInContext = RequestContext & { userAgent: string | null; previousSessionToken?: string | undefined };

/** Server-side sessions (stored in the database, so any instance serves any request) and API tokens. */
export class SessionService {
  private gate: SignInGate | undefined;

  constructor(private readonly deps: SessionDeps) {}

  /** Set once by the composition root (the gate needs sessions too, so it comes after). */
  useGate(gate: SignInGate): void {
    this.gate = gate;
  }

  async login(ctx: SignInContext, email: string, password: string): Promise<SignedIn | SecondFactorRequired> {
    const { limiter, store, passwords } = this.deps;
    await limiter.consume('login-address', ctx.ip ?? 'unknown', LOGIN_LIMITS.address);
    await limiter.check('login-account', email, LOGIN_LIMITS.account);

    const user = await accountsRepository.findUserByEmail(store.db, email);
    const ok = await passwords.verify(user?.password_hash ?? null, password);
    if (!user || !ok || user.disabled_at) {
      await limiter.consume('login-account', email, LOGIN_LIMITS.account);
      // Shown in the user's security log: someone tried their e-mail with a wrong password.
      if (user) await this.deps.audit.record(store.db, { actor: anonymous, ip: ctx.ip }, { action: 'user.sign_in_failed', accountId: null, targetType: 'user', targetId: user.id, data: { reason: 'password' } });
      throw new AppError('invalid_credentials', 'the e-mail or the password is wrong');
    }
    await limiter.reset('login-account', email);
    const decision = this.gate ? await this.gate.afterPassword(ctx, user) : { next: 'session' as const, restriction: null };
    if (decision.next === 'second_factor') return { twoFactorRequired: true, challengeToken: decision.challengeToken };
    return this.openSession(ctx, user, { method: 'password', secondFactor: null, restriction: decision.restriction });
  }

  /** The second step of a password sign-in: the code from the authenticator app, or a recovery code. */
  async completeLogin(ctx: SignInContext, challengeToken: string, code: string): Promise<SignedIn> {
    if (!this.gate) throw new AppError('token_invalid', 'no second factor is asked for; sign in with your password');
    const passed = await this.gate.passChallenge(ctx, challengeToken, code);
    return this.openSession(ctx, passed.user, { method: 'password', secondFactor: passed.secondFactor, restriction: null });
  }

  /** Opens a session for a user whose identity is proven (a password and its policies, or single sign-on). */
  async openSession(ctx: SignInContext, user: SignInUser, opening: SessionOpening): Promise<SignedIn> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const sessionToken = newSecret();
    const csrfToken = newSecret();
    const expiresAt = new Date(now.getTime() + SESSION_DAYS * 24 * 3600 * 1000);
    await store.transaction(async (tx) => {
      // A new session id at every sign-in: a cookie planted before sign-in is worth nothing after.
      if (ctx.previousSessionToken) await authRepository.deleteSession(tx, sha256Hex(ctx.previousSessionToken));
      await authRepository.insertSession(tx, {
        id_hash: sha256Hex(sessionToken),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: expiresAt.toISOString(),
        ip: ctx.ip,
        user_agent: ctx.userAgent?.slice(0, 300) ?? null,
        method: opening.method,
        second_factor: opening.secondFactor,
        restriction: opening.restriction,
      });
      const self: Actor = { kind: 'user', userId: user.id, email: user.email, name: user.name, vendorRole: null, vendorAccountId: null, grants: new Map(), sessionIdHash: null };
      await this.deps.audit.record(tx, { actor: self, ip: ctx.ip }, {
        action: 'user.signed_in',
        accountId: null,
        targetType: 'user',
        targetId: user.id,
        data: { method: opening.method, secondFactor: opening.secondFactor },
      });
    });
    return { sessionToken, csrfToken, user: { id: user.id, email: user.email, name: user.name }, expiresAt, restriction: opening.restriction };
  }

  async logout(sessionToken: string): Promise<void> {
    await authRepository.deleteSession(this.deps.store.db, sha256Hex(sessionToken));
  }

  /** The user behind a session cookie, with every account they may act for; undefined when none. */
  async actorFromSession(sessionToken: string): Promise<{ actor: UserActor; csrfToken: string; restriction: SessionRestriction | null } | undefined> {
    const { db } = this.deps.store;
    const now = this.deps.clock.now();
    const idHash = sha256Hex(sessionToken);
    const session = await authRepository.findLiveSession(db, idHash, now.toISOString());
    if (!session) return undefined;
    if (now.getTime() - Date.parse(session.last_seen_at) > TOUCH_EVERY_MS) {
      await authRepository.touchSession(db, idHash, now.toISOString());
    }
    const actor = await this.userActor({ id: session.user_id, email: session.email, name: session.name }, idHash);
    return { actor, csrfToken: session.csrf_token, restriction: this.gate?.restrictionOf(actor, session) ?? null };
  }

  async actorFromApiToken(token: string): Promise<Actor | undefined> {
    const { db } = this.deps.store;
    const row = await authRepository.findLiveApiToken(db, sha256Hex(token));
    if (!row) return undefined;
    const now = this.deps.clock.now();
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
      await authRepository.touchApiToken(db, row.id, now.toISOString());
    }
    return { kind: 'token', tokenId: row.id, tokenName: row.name, accountId: row.account_id, role: row.role };
  }

  /** Memberships, the vendor role, and customers reached through partner delegation. */
  async userActor(user: { id: string; email: string; name: string }, sessionIdHash: string | null): Promise<UserActor> {
    const { db } = this.deps.store;
    const rows = await accountsRepository.grantsOfUser(db, user.id);
    const grants = new Map<string, AccountGrant>();
    let vendorRole: UserActor['vendorRole'] = null;
    let vendorAccountId: string | null = null;
    const partnerRoles = new Map<string, AccountGrant['role']>();
    for (const r of rows) {
      grants.set(r.account_id, { role: r.role, via: 'membership' });
      if (r.kind === 'vendor' && (r.role === 'admin' || r.role === 'support')) {
        vendorRole = r.role;
        vendorAccountId = r.account_id;
      }
      if (r.kind === 'partner') partnerRoles.set(r.account_id, r.role);
    }
    if (partnerRoles.size > 0) {
      const delegated = await accountsRepository.customersOfPartners(db, [...partnerRoles.keys()], { limit: 10_000 });
      for (const d of delegated) {
        if (grants.has(d.customer_account_id)) continue;
        // A partner user acts for the customer as a member (a partner viewer stays a viewer).
        const role = partnerRoles.get(d.partner_account_id) === 'viewer' ? 'viewer' : 'member';
        grants.set(d.customer_account_id, { role, via: 'delegation', partnerAccountId: d.partner_account_id });
      }
    }
    return { kind: 'user', userId: user.id, email: user.email, name: user.name, vendorRole, vendorAccountId, grants, sessionIdHash };
  }
}
