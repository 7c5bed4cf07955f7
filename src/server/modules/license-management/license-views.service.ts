import type { TSavedView } from '../../../contracts/license-management.js';
import type { Store } from '../../db/store.js';
import { AppError, notFound } from '../../http/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { AuditLog } from '../audit/audit.service.js';
import { newId } from '../../platform/ids.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { licenseViewsRepository } from './license-views.repository.js';
import type { LicenseViewsTable } from './license-management.table.js';

/** Saved views: a person's named filters, sort and columns of the license list. They are private to that person. */
export class LicenseViewsService {
  constructor(private readonly deps: { store: Store; clock: Clock; audit: AuditLog }) {}

  async list(ctx: RequestContext, accountId: string): Promise<{ items: TSavedView[]; nextCursor: null }> {
    const userId = this.userOf(ctx, accountId);
    const rows = await licenseViewsRepository.list(this.deps.store.db, accountId, userId);
    return { items: rows.map(toSavedView), nextCursor: null };
  }

  async save(ctx: RequestContext, accountId: string, input: { name: string; query: Record<string, string>; hiddenColumns: string[] }): Promise<TSavedView> {
    const userId = this.userOf(ctx, accountId);
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const row = await licenseViewsRepository.save(tx, {
        id: newId('licenseView', now),
        account_id: accountId,
        user_id: userId,
        name: input.name,
        query: JSON.stringify(input.query),
        columns: JSON.stringify(input.hiddenColumns),
        created_at: now.toISOString(),
      });
      await this.deps.audit.record(tx, ctx, { action: 'license_view.saved', accountId, targetType: 'license_view', targetId: row.id, data: { name: row.name } });
      return toSavedView(row);
    });
  }

  async delete(ctx: RequestContext, accountId: string, viewId: string): Promise<void> {
    const userId = this.userOf(ctx, accountId);
    await this.deps.store.transaction(async (tx) => {
      if (!(await licenseViewsRepository.delete(tx, accountId, userId, viewId))) throw notFound('view');
      await this.deps.audit.record(tx, ctx, { action: 'license_view.deleted', accountId, targetType: 'license_view', targetId: viewId });
    });
  }

  private userOf(ctx: RequestContext, accountId: string): string {
    authorize(ctx.actor, 'account.read', accountId);
    if (ctx.actor.kind !== 'user') throw new AppError('forbidden', 'saved views belong to a signed-in person, not to an API token');
    return ctx.actor.userId;
  }
}

function toSavedView(row: LicenseViewsTable): TSavedView {
  return { id: row.id, name: row.name, query: JSON.parse(row.query) as Record<string, string>, hiddenColumns: JSON.parse(row.columns) as string[], createdAt: row.created_at };
}
