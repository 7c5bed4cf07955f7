import type { TActivation, TActivationResult, TOfflineActivationRequest } from '../../../contracts/activation.js';
import { signLicenseFile, type LicenseFile, type LicensePayload } from '../../../domain/signing/index.js';
import type { Store } from '../../db/store.js';
import { AppError, fieldError, notFound } from '../../http/app-error.js';
import type { Clock } from '../../platform/clock.js';
import { safeEqual } from '../../platform/hash.js';
import { newId } from '../../platform/ids.js';
import { pageOf } from '../../platform/paging.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import type { SigningKeys } from '../signing/signing-keys.service.js';
import { activationRepository as repo } from './activation.repository.js';
import { findLicenseByKey, type KeyedLicense } from './keyed-license.js';
import type { ActivationsTable } from './activation.table.js';
import type { KeyGuessGuard } from './key-guess-guard.js';
import { readLicenseKey } from './license-key-input.js';
import { isExpired, isPerServer } from './license-validity.js';

export interface ActivationDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  signingKeys: SigningKeys;
  guard: KeyGuessGuard;
}

interface HostClaim {
  licenseKey: string;
  hostId: string;
  hostName?: string | undefined;
}

/** Raised inside the transaction to undo the seat when a concurrent twin activated the same host. */
class SameHostActivated extends Error {}

/** Product activation (SPEC §12): seats of a license held by hosts, each with a host-bound file. */
export class ActivationService {
  constructor(private readonly deps: ActivationDeps) {}

  /** `POST /activations`: the license key is the credential. The same host again gets the same activation. */
  async activate(ctx: RequestContext, claim: HostClaim): Promise<TActivationResult> {
    const licenseKey = readLicenseKey(claim.licenseKey);
    this.deps.guard.assertAllowed(ctx.ip);
    const license = await findLicenseByKey(this.deps.store.db, licenseKey, claim.hostId);
    if (!license) {
      await this.deps.guard.miss(ctx.ip);
      throw new AppError('not_found', 'no license has this key');
    }
    return this.claimSeat(ctx, license, claim, 'online');
  }

  /** The license page's upload of a product's request file: answers the host-bound license file. */
  async activateOffline(ctx: RequestContext, accountId: string, licenseId: string, request: TOfflineActivationRequest): Promise<TActivationResult> {
    authorize(ctx.actor, 'account.operate', accountId);
    const db = this.deps.store.db;
    const owned = await repo.findLicenseInAccount(db, accountId, licenseId);
    if (!owned) throw notFound('license');
    const licenseKey = readLicenseKey(request.licenseKey);
    if (!safeEqual(licenseKey, owned.license_key)) throw fieldError('licenseKey', 'this request file was written for another license; upload it on that license’s page');
    const license = (await findLicenseByKey(db, licenseKey, request.hostId))!;
    return this.claimSeat(ctx, license, request, 'offline');
  }

  /** Frees a seat: with the license key (the product), or by a member of the license's account. */
  async deactivate(ctx: RequestContext, activationId: string, licenseKey: string | undefined): Promise<void> {
    const { store, audit, guard } = this.deps;
    const activation = await repo.findActivationWithKey(store.db, activationId);
    let partnerAccountId: string | null = null;
    if (licenseKey !== undefined) {
      guard.assertAllowed(ctx.ip);
      if (!activation || !safeEqual(readLicenseKey(licenseKey), activation.license_key)) {
        await guard.miss(ctx.ip);
        throw notFound('activation');
      }
    } else {
      if (ctx.actor.kind === 'anonymous') throw new AppError('unauthenticated', 'sign in, or send the licenseKey of the activation');
      if (!activation) throw notFound('activation');
      partnerAccountId = authorize(ctx.actor, 'account.operate', activation.account_id).partnerAccountId;
    }
    await store.transaction(async (tx) => {
      const removed = await repo.deleteActivation(tx, activationId);
      if (!removed) return; // a concurrent deactivation freed it already
      await repo.freeSeat(tx, removed.license_id);
      await audit.record(tx, ctx, {
        action: 'license.deactivated',
        accountId: removed.account_id,
        partnerAccountId,
        targetType: 'license',
        targetId: removed.license_id,
        data: { activationId, hostId: removed.host_id, by: licenseKey !== undefined ? 'license_key' : 'session' },
      });
    });
  }

  async listActivations(ctx: RequestContext, accountId: string, licenseId: string, query: { cursor?: string | undefined; limit: number }) {
    authorize(ctx.actor, 'account.read', accountId);
    const db = this.deps.store.db;
    if (!(await repo.findLicenseInAccount(db, accountId, licenseId))) throw notFound('license');
    const rows = await repo.listActivations(db, accountId, licenseId, { after: query.cursor, limit: query.limit + 1 });
    return pageOf(rows.map(toActivationView), query.limit, (a) => a.id);
  }

  private async claimSeat(ctx: RequestContext, license: KeyedLicense, claim: HostClaim, source: ActivationsTable['source']): Promise<TActivationResult> {
    const { store, clock, audit } = this.deps;
    const now = clock.now();
    if (license.status !== 'active') throw new AppError('license_not_active', `this license is ${license.status}`);
    if (isExpired(license.expires_at, now)) throw new AppError('license_not_active', `this license expired on ${license.expires_at}`);
    if (license.host_id !== null && license.host_id !== claim.hostId) {
      throw new AppError('host_mismatch', 'this license is bound to another host; re-host it in the portal first');
    }
    const existing = await repo.findActivation(store.db, license.id, claim.hostId);
    if (existing) return toActivationResult(existing);

    const row: ActivationsTable = {
      id: newId('activation', now),
      license_id: license.id,
      account_id: license.account_id,
      host_id: claim.hostId,
      host_name: claim.hostName ?? null,
      source,
      license_file: JSON.stringify(await this.hostBoundFile(license.id, claim.hostId, now)),
      created_at: now.toISOString(),
    };
    try {
      await store.transaction(async (tx) => {
        if (!(await repo.takeSeat(tx, license.id, isPerServer(license)))) {
          throw new AppError('too_many_activations', `all ${license.quantity} activations of this license are in use; deactivate a host first`);
        }
        if (!(await repo.insertActivation(tx, row))) throw new SameHostActivated();
        await audit.record(tx, ctx, {
          action: 'license.activated',
          accountId: license.account_id,
          targetType: 'license',
          targetId: license.id,
          data: { activationId: row.id, hostId: row.host_id, hostName: row.host_name, source },
        });
      });
      return toActivationResult(row);
    } catch (error) {
      if (!(error instanceof SameHostActivated)) throw error;
      return toActivationResult((await repo.findActivation(store.db, license.id, claim.hostId))!);
    }
  }

  /** The license's own payload, bound to the host and signed now with the active key. */
  private async hostBoundFile(licenseId: string, hostId: string, now: Date): Promise<LicenseFile> {
    const { store, signingKeys } = this.deps;
    const stored = JSON.parse((await repo.licenseFile(store.db, licenseId))!) as LicenseFile;
    const { kind: _kind, ...payload } = stored.payload;
    const bound: LicensePayload = { ...payload, hostId, issuedAt: now.toISOString() };
    return signLicenseFile(bound, await signingKeys.activeKey());
  }
}

const toActivationResult = (row: ActivationsTable): TActivationResult => ({ activationId: row.id, licenseFile: JSON.parse(row.license_file) as TActivationResult['licenseFile'] });

export function toActivationView(row: ActivationsTable): TActivation {
  return { id: row.id, licenseId: row.license_id, hostId: row.host_id, hostName: row.host_name, source: row.source, activatedAt: row.created_at };
}
