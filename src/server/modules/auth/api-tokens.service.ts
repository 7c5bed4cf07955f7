import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { sha256Hex } from '../../platform/hash.js';
import { newId, newSecret } from '../../platform/ids.js';
import { notFound } from '../../http/app-error.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from './actor.js';
import { authRepository } from './auth.repository.js';
import { authorize } from './authorize.js';

export interface ApiTokenView {
  id: string;
  name: string;
  role: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** API tokens for scripts and the Renewal Assistant: shown once, stored as a SHA-256, revocable. */
export class ApiTokensService {
  constructor(private readonly deps: { store: Store; clock: Clock; audit: AuditLog }) {}

  async create(ctx: RequestContext, accountId: string, input: { name: string; role?: 'admin' | 'member' | 'viewer' | undefined }) {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    const now = this.deps.clock.now();
    const token = newSecret('lpt');
    const id = newId('apiToken', now);
    // A token never carries more than a member's rights unless an account admin asks for admin.
    const role = input.role ?? 'member';
    await this.deps.store.transaction(async (tx) => {
      await authRepository.insertApiToken(tx, {
        id,
        account_id: accountId,
        name: input.name,
        token_hash: sha256Hex(token),
        role,
        created_by_user_id: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        created_at: now.toISOString(),
        last_used_at: null,
        revoked_at: null,
      });
      await this.deps.audit.record(tx, ctx, {
        action: 'api_token.created',
        accountId,
        partnerAccountId: access.partnerAccountId,
        targetType: 'api_token',
        targetId: id,
        data: { name: input.name, role },
      });
    });
    return { id, name: input.name, role, token };
  }

  async list(ctx: RequestContext, accountId: string): Promise<ApiTokenView[]> {
    authorize(ctx.actor, 'account.manage', accountId);
    const rows = await authRepository.listApiTokens(this.deps.store.db, accountId);
    return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
  }

  async revoke(ctx: RequestContext, accountId: string, tokenId: string): Promise<void> {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    await this.deps.store.transaction(async (tx) => {
      const revoked = await authRepository.revokeApiToken(tx, accountId, tokenId, this.deps.clock.now().toISOString());
      if (!revoked) throw notFound('API token');
      await this.deps.audit.record(tx, ctx, { action: 'api_token.revoked', accountId, partnerAccountId: access.partnerAccountId, targetType: 'api_token', targetId: tokenId });
    });
  }
}
