import type { Store } from '../../db/store.js';
import { notFound } from '../../http/app-error.js';
import type { TLicense } from '../../../contracts/licenses.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { licensesRepository } from './licenses.repository.js';
import { licenseFileName, toLicenseView } from './license-view.js';

/** Reading one license and downloading its file. (The list and search are their own module.) */
export class LicensesService {
  constructor(private readonly deps: { store: Store }) {}

  async getLicense(ctx: RequestContext, accountId: string, licenseId: string): Promise<TLicense> {
    authorize(ctx.actor, 'account.read', accountId);
    const row = await licensesRepository.findLicense(this.deps.store.db, accountId, licenseId);
    if (!row) throw notFound('license');
    return toLicenseView(row);
  }

  /** The signed file exactly as issued: the bytes the product verifies. */
  async licenseFile(ctx: RequestContext, accountId: string, licenseId: string): Promise<{ filename: string; content: string }> {
    authorize(ctx.actor, 'account.read', accountId);
    const row = await licensesRepository.findLicense(this.deps.store.db, accountId, licenseId);
    if (!row) throw notFound('license');
    return { filename: licenseFileName(row), content: row.file };
  }
}
