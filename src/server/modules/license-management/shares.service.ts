import type { TShare, TSharePermission } from '../../../contracts/license-management.js';
import type { Store } from '../../db/store.js';
import { fieldError, notFound } from '../../http/app-error.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { pageOf } from '../../platform/paging.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import type { AuditLog } from '../audit/audit.service.js';
import { actorLabel, type RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import type { Outbox } from '../outbox/outbox.service.js';
import { licenseLookupsRepository } from './license-lookups.repository.js';
import { sharesRepository, type ShareRow } from './shares.repository.js';

export interface LicenseSharesDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  outbox: Outbox;
  publicUrl: string;
}

/**
 * Sharing a license with a user of another account (SPEC §7), by the account's admins.
 * `view` lets the recipient see the license and download its file; `manage` also lets them
 * re-host it and edit its custom values. `LicenseAccess` enforces exactly that.
 */
export class LicenseSharesService {
  constructor(private readonly deps: LicenseSharesDeps) {}

  async share(ctx: RequestContext, accountId: string, licenseId: string, input: { email: string; permission: TSharePermission }): Promise<{ share: TShare; created: boolean }> {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    const { store, clock } = this.deps;
    await this.ownLicense(accountId, licenseId);
    const recipient = await accountsRepository.findUserByEmail(store.db, input.email);
    if (!recipient || recipient.disabled_at) throw fieldError('email', 'no portal user has this e-mail address; their account admin can invite them first');
    const grants = await accountsRepository.grantsOfUser(store.db, recipient.id);
    if (grants.some((g) => g.account_id === accountId)) throw fieldError('email', 'is a user of this account already and sees its licenses without a share');

    const product = await licenseLookupsRepository.productOfLicense(store.db, licenseId);
    return store.transaction(async (tx) => {
      const now = clock.now();
      const saved = await sharesRepository.upsert(tx, {
        id: newId('licenseShare', now),
        license_id: licenseId,
        owner_account_id: accountId,
        recipient_user_id: recipient.id,
        permission: input.permission,
        created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        created_at: now.toISOString(),
      });
      await this.deps.audit.record(tx, ctx, {
        action: 'license.shared',
        accountId,
        partnerAccountId: access.partnerAccountId,
        targetType: 'license',
        targetId: licenseId,
        data: { shareId: saved.id, email: recipient.email, permission: input.permission },
      });
      const owner = await accountsRepository.findAccount(tx, accountId);
      await this.deps.outbox.enqueue(tx, {
        kind: 'license.shared',
        accountId,
        to: recipient.email,
        subject: `${owner?.name ?? 'An account'} shared a license with you`,
        text: [
          `${actorLabel(ctx.actor)} of ${owner?.name ?? 'another account'} shared a license for ${product ? `${product.name} ${product.version}` : 'a product'} with you.`,
          input.permission === 'manage' ? 'You may see it, download its file, re-host it and edit its custom values.' : 'You may see it and download its file.',
          `It is listed under Manage My Licenses, marked as shared: ${this.deps.publicUrl}/`,
        ].join('\n\n'),
      });
      const row = (await sharesRepository.find(tx, licenseId, saved.id))!;
      return { share: toShare(row), created: saved.created };
    });
  }

  async list(ctx: RequestContext, accountId: string, licenseId: string, opts: { cursor?: string | undefined; limit: number }) {
    authorize(ctx.actor, 'account.read', accountId);
    await this.ownLicense(accountId, licenseId);
    const rows = await sharesRepository.list(this.deps.store.db, licenseId, { after: opts.cursor, limit: opts.limit + 1 });
    return pageOf(rows.map(toShare), opts.limit, (s) => s.id);
  }

  /** After this, the recipient reaches the license no more. */
  async revoke(ctx: RequestContext, accountId: string, licenseId: string, shareId: string): Promise<void> {
    const access = authorize(ctx.actor, 'account.manage', accountId);
    await this.ownLicense(accountId, licenseId);
    await this.deps.store.transaction(async (tx) => {
      const share = await sharesRepository.find(tx, licenseId, shareId);
      if (!share || !(await sharesRepository.delete(tx, shareId))) throw notFound('share');
      await this.deps.audit.record(tx, ctx, {
        action: 'license.share_revoked',
        accountId,
        partnerAccountId: access.partnerAccountId,
        targetType: 'license',
        targetId: licenseId,
        data: { shareId, email: share.email, permission: share.permission },
      });
    });
  }

  /** Only the account holding a license shares it; a recipient cannot pass it on. */
  private async ownLicense(accountId: string, licenseId: string): Promise<void> {
    const license = await licenseLookupsRepository.findLicense(this.deps.store.db, licenseId);
    if (!license || license.account_id !== accountId) throw notFound('license');
  }
}

function toShare(row: ShareRow): TShare {
  return { id: row.id, licenseId: row.license_id, email: row.email, permission: row.permission, createdAt: row.created_at };
}
