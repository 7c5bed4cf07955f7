import type { TLicenseHistoryEntry } from '../../../contracts/license-management.js';
import type { Store } from '../../db/store.js';
import { pageOf } from '../../platform/paging.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import { auditRepository } from '../audit/audit.repository.js';
import type { AuditLogTable } from '../audit/audit.table.js';
import type { RequestContext } from '../auth/actor.js';
import type { LicenseAccess } from './license-access.js';

/**
 * A license's history (issued, registered, delivered, re-hosted, shared, upgraded, activated,
 * custom values set): every audit entry whose target is the license, newest first.
 */
export class LicenseHistoryService {
  constructor(private readonly deps: { store: Store; access: LicenseAccess }) {}

  async history(ctx: RequestContext, accountId: string, licenseId: string, opts: { cursor?: string | undefined; limit: number }) {
    const reach = await this.deps.access.reach(ctx.actor, accountId, licenseId, 'read');
    const { db } = this.deps.store;
    const rows = await auditRepository.list(db, { targetId: licenseId, before: opts.cursor, limit: opts.limit + 1 });
    // A share shows what happened, not who did it in the other account: those people are theirs.
    const ownerName = reach.via === 'share' ? ((await accountsRepository.findAccount(db, reach.ownerAccountId))?.name ?? 'the owner') : null;
    const me = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    const entries = rows.map((row) => toHistoryEntry(row, ownerName !== null && row.actor_user_id !== me ? ownerName : null));
    return pageOf(entries, opts.limit, (e) => e.id);
  }
}

function toHistoryEntry(row: AuditLogTable, actorShownAs: string | null): TLicenseHistoryEntry {
  return {
    id: row.id,
    at: row.at,
    action: row.action,
    actor: actorShownAs ?? row.actor_label,
    partnerAccountId: actorShownAs ? null : row.partner_account_id,
    data: row.data ? (JSON.parse(row.data) as Record<string, unknown>) : null,
  };
}
