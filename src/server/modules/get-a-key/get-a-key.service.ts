import type { Db } from '../../db/database.js';
import type { TransactionRunner } from '../../db/group-commit.js';
import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { fieldError, notFound } from '../../http/app-error.js';
import { parseSerialNumber } from '../../../domain/identifiers/index.js';
import type { TGetAKeyLookupResult, TGetAKeyRequest, TGetAKeyResult } from '../../../contracts/get-a-key.js';
import type { TIssuedLicense } from '../../../contracts/licenses.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { toProductView } from '../catalog/catalog.service.js';
import { contractsRepository } from '../contracts/contracts.repository.js';
import type { LicenseDelivery } from '../licenses/license-delivery.js';
import type { LicenseIssuer } from '../licenses/license-issuer.service.js';
import { licensesRepository } from '../licenses/licenses.repository.js';
import { registrationsRepository } from '../licenses/registrations.repository.js';
import { toIssuedLicenseView, toLicenseView } from '../licenses/license-view.js';
import type { RateLimiter } from '../rate-limits/rate-limiter.js';
import { getAKeyRepository, type SerialRow } from './get-a-key.repository.js';
import { registrationRow, toRegistrationView } from './registration.js';

export interface GetAKeyDeps {
  store: Store;
  /** Registrations are written with group commit on SQLite (db/group-commit.ts): one fsync for many. */
  transaction: TransactionRunner;
  clock: Clock;
  audit: AuditLog;
  limiter: RateLimiter;
  issuer: LicenseIssuer;
  delivery: LicenseDelivery;
}

/** Failed serial lookups allowed per user and per address: guessing serials takes years. */
export const FAILED_LOOKUP_POLICY = { limit: 20, windowSeconds: 15 * 60 };

type Registered =
  | { kind: 'issued'; licenses: TIssuedLicense[]; deliveredTo: string }
  | { kind: 'registered-before' }
  | { kind: 'unknown' };

/** Raised inside the transaction when a concurrent call claimed the serial first; rolls ours back. */
class ClaimedMeanwhile extends Error {}

/** Get a Key (SPEC §5): look a serial number up, register it, receive the key and file. */
export class GetAKeyService {
  constructor(private readonly deps: GetAKeyDeps) {}

  /** Step 3: what the serial entitles to, whether it is registered, and the registration to start from. */
  async lookup(ctx: RequestContext, accountId: string, typedSerial: string): Promise<TGetAKeyLookupResult> {
    authorize(ctx.actor, 'account.read', accountId);
    const serialNumber = readSerial(typedSerial);
    await this.checkLookupLimit(ctx);
    const { db } = this.deps.store;
    const found = await getAKeyRepository.findSerial(db, accountId, serialNumber);
    if (!found) return this.failedLookup(ctx);
    const { entitlement: e, product: p } = found;
    const [contract] = await contractsRepository.maintenanceContractsOfEntitlements(db, [e.id]);
    const licenses = e.registered_at ? await licensesRepository.activeLicensesOfEntitlement(db, accountId, e.id) : [];
    const registration = e.registration_id
      ? await registrationsRepository.findRegistration(db, accountId, e.registration_id)
      : await registrationsRepository.lastRegistration(db, accountId);
    return {
      serialNumber,
      product: toProductView(p),
      quantity: e.quantity,
      maintenance: e.maintenance_starts_at && e.maintenance_ends_at ? { serialNumber: contract?.serial_number ?? null, startsAt: e.maintenance_starts_at, endsAt: e.maintenance_ends_at } : null,
      needsHostId: p.node_locked === 1,
      registered: e.registered_at !== null,
      registeredAt: e.registered_at,
      licenses: licenses.map(toLicenseView),
      registration: registration ? toRegistrationView(registration) : null,
    };
  }

  /**
   * Steps 4–6: records the support registration, issues one license for the serial and e-mails
   * key and file to the technical contact. Registering again answers the same licenses.
   */
  async register(ctx: RequestContext, accountId: string, input: TGetAKeyRequest): Promise<TGetAKeyResult> {
    const access = authorize(ctx.actor, 'account.operate', accountId);
    const serialNumber = readSerial(input.serialNumber);
    await this.checkLookupLimit(ctx);
    let outcome: Registered;
    try {
      outcome = await this.deps.transaction((tx) => this.registerIn(tx, ctx, accountId, serialNumber, input, access.partnerAccountId));
    } catch (error) {
      if (!(error instanceof ClaimedMeanwhile)) throw error;
      outcome = { kind: 'registered-before' };
    }
    if (outcome.kind === 'unknown') return this.failedLookup(ctx);
    if (outcome.kind === 'issued') return { licenses: outcome.licenses, alreadyRegistered: false, deliveredTo: outcome.deliveredTo };
    const found = await getAKeyRepository.findSerial(this.deps.store.db, accountId, serialNumber);
    const licenses = found ? await licensesRepository.activeLicensesOfEntitlement(this.deps.store.db, accountId, found.entitlement.id) : [];
    return { licenses: licenses.map(toIssuedLicenseView), alreadyRegistered: true, deliveredTo: null };
  }

  private async registerIn(tx: Db, ctx: RequestContext, accountId: string, serialNumber: string, input: TGetAKeyRequest, partnerAccountId: string | null): Promise<Registered> {
    const found = await getAKeyRepository.findSerial(tx, accountId, serialNumber);
    if (!found) return { kind: 'unknown' };
    if (found.entitlement.registered_at) return { kind: 'registered-before' };
    const hostId = checkHostId(found, input.hostId);
    const now = this.deps.clock.now();
    const registration = registrationRow(accountId, input.registration, now);
    await registrationsRepository.insertRegistration(tx, registration);
    if (!(await getAKeyRepository.claimRegistration(tx, found.entitlement.id, registration.id, now.toISOString()))) throw new ClaimedMeanwhile();

    const { entitlement: e, product } = found;
    const isSubscription = product.license_model === 'subscription';
    const license = await this.deps.issuer.issue(tx, ctx, {
      accountId,
      product,
      quantity: e.quantity,
      hostId,
      notBefore: isSubscription && e.maintenance_starts_at ? new Date(`${e.maintenance_starts_at}T00:00:00.000Z`) : null,
      expiresAt: isSubscription ? e.maintenance_ends_at : null,
      maintenanceEndsAt: e.maintenance_ends_at,
      source: 'get_a_key',
      sourceRef: serialNumber,
      entitlementId: e.id,
      serialNumber,
      registrationId: registration.id,
      licenseKey: e.license_key,
      partnerAccountId,
    });
    await this.deps.audit.record(tx, ctx, {
      action: 'serial.registered',
      accountId,
      partnerAccountId,
      targetType: 'license',
      targetId: license.id,
      data: { serialNumber, registrationId: registration.id, organization: input.registration.customerContact.organization, technicalContact: input.registration.technicalContact.email },
    });
    const deliveredTo = await this.deps.delivery.deliver(tx, ctx, license, input.registration.technicalContact, partnerAccountId);
    return { kind: 'issued', licenses: [license], deliveredTo };
  }

  private async checkLookupLimit(ctx: RequestContext): Promise<void> {
    for (const subject of limitSubjects(ctx)) await this.deps.limiter.check('serial-lookup', subject, FAILED_LOOKUP_POLICY);
  }

  /** Counts the failure and answers 404, the same for a serial of another account as for none. */
  private async failedLookup(ctx: RequestContext): Promise<never> {
    for (const subject of limitSubjects(ctx)) await this.deps.limiter.consume('serial-lookup', subject, FAILED_LOOKUP_POLICY);
    throw notFound('serial number');
  }
}

/** A typo is told as a typo, before anything is looked up. */
function readSerial(typed: string): string {
  const parsed = parseSerialNumber(typed, { field: 'serialNumber', kinds: ['S'] });
  if (!parsed.ok) throw fieldError(parsed.field, parsed.message.slice(parsed.field.length + 2));
  return parsed.value;
}

function checkHostId(found: SerialRow, hostId: string | undefined): string | null {
  const { product } = found;
  if (product.node_locked === 1 && !hostId) throw fieldError('hostId', `${product.name} is node-locked: enter the host ID of the machine it will run on`);
  if (product.node_locked !== 1 && hostId) throw fieldError('hostId', `${product.name} is not node-locked: leave the host ID out`);
  return hostId ?? null;
}

function limitSubjects(ctx: RequestContext): string[] {
  const subjects: string[] = [];
  if (ctx.actor.kind === 'user') subjects.push(`user:${ctx.actor.userId}`);
  if (ctx.actor.kind === 'token') subjects.push(`token:${ctx.actor.tokenId}`);
  if (ctx.ip && ctx.actor.kind !== 'system') subjects.push(`ip:${ctx.ip}`);
  return subjects;
}
