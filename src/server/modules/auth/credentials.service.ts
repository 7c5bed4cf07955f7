import type { Store } from '../../db/store.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { sha256Hex } from '../../platform/hash.js';
import { newId, newSecret } from '../../platform/ids.js';
import { AppError } from '../../http/app-error.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { Outbox } from '../outbox/outbox.service.js';
import type { RateLimiter } from '../rate-limits/rate-limiter.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import type { RequestContext } from './actor.js';
import { authRepository } from './auth.repository.js';
import type { PasswordHasher } from './passwords.js';

const INVITATION_DAYS = 7;
const RESET_MINUTES = 60;

export interface CredentialsDeps {
  store: Store;
  clock: Clock;
  outbox: Outbox;
  audit: AuditLog;
  passwords: PasswordHasher;
  limiter: RateLimiter;
  publicUrl: string;
  vendorName: string;
}

/** Invitations and password resets: one-time links by e-mail, stored hashed, single-use, expiring. */
export class CredentialsService {
  constructor(private readonly deps: CredentialsDeps) {}

  /** Queues the invitation of a new user, inside the caller's transaction. */
  async invite(tx: Db, user: { id: string; email: string; name: string }, accountName: string): Promise<void> {
    const token = await this.issue(tx, user.id, 'invitation', INVITATION_DAYS * 24 * 3600);
    const link = `${this.deps.publicUrl}/accept-invitation?token=${token}`;
    await this.deps.outbox.enqueue(tx, {
      kind: 'invitation',
      to: user.email,
      subject: `You are invited to the ${this.deps.vendorName} Licensing Portal`,
      text: [
        `Hello ${user.name},`,
        '',
        `You have been given access to ${accountName} on the ${this.deps.vendorName} Licensing Portal.`,
        `Choose your password here (the link works once, for ${INVITATION_DAYS} days):`,
        link,
      ].join('\n'),
    });
  }

  /** Always answers the same, whether or not the e-mail belongs to a user. */
  async requestPasswordReset(ctx: RequestContext, email: string): Promise<void> {
    await this.deps.limiter.consume('reset-ip', ctx.ip ?? 'unknown', { limit: 20, windowSeconds: 3600 });
    await this.deps.limiter.consume('reset-email', email, { limit: 5, windowSeconds: 3600 });
    await this.deps.store.transaction(async (tx) => {
      const user = await accountsRepository.findUserByEmail(tx, email);
      if (!user || user.disabled_at) return;
      const token = await this.issue(tx, user.id, 'password_reset', RESET_MINUTES * 60);
      await this.deps.outbox.enqueue(tx, {
        kind: 'password_reset',
        to: user.email,
        subject: `Reset your ${this.deps.vendorName} Licensing Portal password`,
        text: [
          `Hello ${user.name},`,
          '',
          `Someone (we hope you) asked to reset your password. The link works once, for ${RESET_MINUTES} minutes:`,
          `${this.deps.publicUrl}/reset-password?token=${token}`,
          '',
          'If it was not you, ignore this message; your password stays as it is.',
        ].join('\n'),
      });
      await this.deps.audit.record(tx, ctx, { action: 'user.password_reset_requested', accountId: null, targetType: 'user', targetId: user.id });
    });
  }

  /** Sets a password from a one-time link; every session of the user ends. */
  async setPasswordWithToken(ctx: RequestContext, purpose: 'invitation' | 'password_reset', token: string, password: string): Promise<void> {
    await this.deps.limiter.consume('token-ip', ctx.ip ?? 'unknown', { limit: 30, windowSeconds: 900 });
    const passwordHash = await this.deps.passwords.hash(password);
    await this.deps.store.transaction(async (tx) => {
      const now = this.deps.clock.now().toISOString();
      const userId = await authRepository.consumeAuthToken(tx, sha256Hex(token), purpose, now);
      if (!userId) throw new AppError('token_invalid', 'this link is unknown, was used already, or has expired; ask for a new one');
      await accountsRepository.setPassword(tx, userId, passwordHash);
      await authRepository.deleteSessionsOfUser(tx, userId);
      await this.deps.audit.record(tx, ctx, {
        action: purpose === 'invitation' ? 'user.invitation_accepted' : 'user.password_reset',
        accountId: null,
        targetType: 'user',
        targetId: userId,
      });
    });
  }

  private async issue(tx: Db, userId: string, purpose: 'invitation' | 'password_reset', ttlSeconds: number): Promise<string> {
    const now = this.deps.clock.now();
    const token = newSecret();
    await authRepository.insertAuthToken(tx, {
      id: newId('authToken', now),
      token_hash: sha256Hex(token),
      user_id: userId,
      purpose,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
      used_at: null,
    });
    return token;
  }
}
