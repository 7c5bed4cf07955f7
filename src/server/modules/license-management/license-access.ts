import type { TSharePermission } from '../../../contracts/license-management.js';
import type { Store } from '../../db/store.js';
import { AppError, notFound } from '../../http/app-error.js';
import type { Actor } from '../auth/actor.js';
import { authorize, type Access } from '../auth/authorize.js';
import { licenseLookupsRepository } from './license-lookups.repository.js';
import { sharesRepository } from './shares.repository.js';

/** `read`: see the license and download its file. `operate`: also re-host it and edit its custom values. */
export type LicenseNeed = 'read' | 'operate';

/** How a caller reaches a license through the account in the URL. */
export interface LicenseReach {
  licenseId: string;
  /** The account that holds the license: audit entries of changes name it. */
  ownerAccountId: string;
  via: 'account' | 'share';
  /** For `share`: what the share grants. */
  permission: TSharePermission | null;
  /** The caller's standing in the URL's account (`partnerAccountId` for the audit entry). */
  access: Access;
}

/**
 * The one answer to "may this caller use this license through account {a}": the account's own
 * licenses by the caller's role there, and licenses of other accounts only through a share with
 * the signed-in user, for exactly what the share grants. Every route that serves a single license
 * (detail, file, re-host, custom values, history) asks here first.
 */
export class LicenseAccess {
  constructor(private readonly store: Store) {}

  /** The reach, or 404 when the license is not visible through this account, 403 when it is but `need` is not granted. */
  async reach(actor: Actor, accountId: string, licenseId: string, need: LicenseNeed): Promise<LicenseReach> {
    const access = authorize(actor, 'account.read', accountId);
    const license = await licenseLookupsRepository.findLicense(this.store.db, licenseId);
    if (!license) throw notFound('license');
    if (license.account_id === accountId) {
      const granted = need === 'operate' ? authorize(actor, 'account.operate', accountId) : access;
      return { licenseId, ownerAccountId: license.account_id, via: 'account', permission: null, access: granted };
    }
    if (actor.kind !== 'user') throw notFound('license');
    const share = await sharesRepository.findForUser(this.store.db, licenseId, actor.userId);
    if (!share) throw notFound('license');
    if (need === 'operate' && share.permission !== 'manage') throw new AppError('forbidden', 'this license is shared with you to view only');
    return { licenseId, ownerAccountId: license.account_id, via: 'share', permission: share.permission, access };
  }

  /**
   * `reach` for a selection (bulk edit): the reaches in the order of `ids`, and for each refused
   * id its position and why, so that the caller can refuse the whole selection naming them.
   */
  async reachAll(actor: Actor, accountId: string, ids: string[], need: LicenseNeed): Promise<{ reaches: LicenseReach[]; refused: { index: number; message: string }[] }> {
    const access = authorize(actor, 'account.read', accountId);
    const operate = need === 'operate' ? safely(() => authorize(actor, 'account.operate', accountId)) : access;
    const { db } = this.store;
    const licenses = new Map((await licenseLookupsRepository.findLicensesByIds(db, ids)).map((l) => [l.id, l]));
    const foreign = [...licenses.values()].filter((l) => l.account_id !== accountId).map((l) => l.id);
    const shares = actor.kind === 'user' && foreign.length > 0 ? await sharesRepository.findManyForUser(db, foreign, actor.userId) : [];
    const shareOf = new Map(shares.map((s) => [s.license_id, s]));
    const reaches: LicenseReach[] = [];
    const refused: { index: number; message: string }[] = [];
    ids.forEach((id, index) => {
      const license = licenses.get(id);
      const share = shareOf.get(id);
      if (license?.account_id === accountId) {
        if (operate) reaches.push({ licenseId: id, ownerAccountId: accountId, via: 'account', permission: null, access: operate });
        else refused.push({ index, message: 'your role in this account does not allow changing licenses' });
      } else if (license && share) {
        if (need === 'read' || share.permission === 'manage') reaches.push({ licenseId: id, ownerAccountId: license.account_id, via: 'share', permission: share.permission, access });
        else refused.push({ index, message: 'this license is shared with you to view only' });
      } else refused.push({ index, message: 'no such license' });
    });
    return { reaches, refused };
  }

  async canRead(actor: Actor, accountId: string, licenseId: string): Promise<boolean> {
    return this.allows(actor, accountId, licenseId, 'read');
  }

  /** Re-host and custom values: the account's members, or a `manage` share. */
  async canManage(actor: Actor, accountId: string, licenseId: string): Promise<boolean> {
    return this.allows(actor, accountId, licenseId, 'operate');
  }

  private async allows(actor: Actor, accountId: string, licenseId: string, need: LicenseNeed): Promise<boolean> {
    try {
      await this.reach(actor, accountId, licenseId, need);
      return true;
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return false;
      throw error;
    }
  }
}

function safely<T>(work: () => T): T | null {
  try {
    return work();
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return null;
    throw error;
  }
}
