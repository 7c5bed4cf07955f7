import type { Db } from '../../db/database.js';
import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { fieldError } from '../../http/app-error.js';
import type { TDrawDownCreate, TDrawDownResult, TFlexReturnCreate, TFlexReturnResult } from '../../../contracts/flex.js';
import type { AuditLog } from '../audit/audit.service.js';
import { actorLabel, type RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { catalogRepository } from '../catalog/catalog.repository.js';
import type { LicenseIssuer } from '../licenses/license-issuer.service.js';
import { licensesRepository } from '../licenses/licenses.repository.js';
import { flexRepository, type ContractRow, type PoolRow } from './flex.repository.js';
import { findFlexContract } from './flex-contracts.service.js';
import { contractState } from './flex-term.js';
import { dateOf } from '../../../domain/reminders/calendar-date.js';

export interface DrawDownsDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  licenses: LicenseIssuer;
}

/** An expected refusal: the route turns it into its status; nothing was changed. */
export type FlexRefusal = { ok: false; code: 'pool_exhausted' | 'contract_not_active' | 'conflict'; message: string };
export type FlexOutcome<T> = { ok: true; value: T } | FlexRefusal;

/**
 * The two named actions on a pool (SPEC §8): draw down (units become a license) and return
 * (a drawn license is retired and its units go back). Each moves the pool by one conditional
 * statement, in the same transaction as the license it issues or retires, its ledger entry and
 * its audit entry, so the pool, the licenses and the ledger always agree.
 */
export class DrawDownsService {
  constructor(private readonly deps: DrawDownsDeps) {}

  async drawDown(ctx: RequestContext, accountId: string, contractId: string, input: TDrawDownCreate): Promise<FlexOutcome<TDrawDownResult>> {
    const access = authorize(ctx.actor, 'account.operate', accountId);
    const short = (contract: ContractRow, pool: PoolRow, remaining: number) =>
      refusal('pool_exhausted', `the ${pool.sku} pool of ${contract.serial_number} holds ${remaining} of ${pool.units} units; ${input.quantity} asked`);
    return this.deps.store.transaction(async (tx): Promise<FlexOutcome<TDrawDownResult>> => {
      const contract = await findFlexContract(tx, accountId, contractId);
      const notActive = this.refuseOutsideTerm(contract, 'draw down');
      if (notActive) return notActive;
      const pool = await poolFor(tx, contract, input.productSku);
      if (pool.node_locked === 1 && !input.hostId) {
        throw fieldError('hostId', `${pool.sku} is node-locked: enter the host ID of the machine the license is for`);
      }
      if (pool.node_locked !== 1 && input.hostId) throw fieldError('hostId', `${pool.sku} is not node-locked: leave the host ID out`);
      // An early answer when the pool plainly holds too few; the conditional UPDATE below decides.
      if (pool.remaining < input.quantity) return short(contract, pool, pool.remaining);
      const product = (await catalogRepository.findProduct(tx, pool.product_id))!;
      const hostId = pool.node_locked === 1 ? input.hostId! : null;
      const license = await this.deps.licenses.issue(tx, ctx, {
        accountId,
        product,
        quantity: input.quantity,
        hostId,
        expiresAt: product.license_model === 'subscription' ? contract.ends_at : null,
        maintenanceEndsAt: contract.ends_at,
        source: 'draw_down',
        sourceRef: contract.id,
        entitlementId: null,
        registrationId: null,
        partnerAccountId: access.partnerAccountId,
      });
      // Taken last, so the pool's row stays locked only for the few statements before commit.
      const remaining = await flexRepository.takeUnits(tx, pool.id, input.quantity);
      if (remaining === undefined) throw new RollBack(short(contract, pool, await flexRepository.remainingOf(tx, pool.id)));
      const entryId = await this.record(tx, ctx, access.partnerAccountId, {
        contract,
        pool,
        remaining,
        kind: 'draw_down',
        quantity: input.quantity,
        license: { id: license.id, hostId },
        replacementLicenseId: null,
      });
      return { ok: true, value: { id: entryId, contractId: contract.id, productSku: pool.sku, quantity: input.quantity, remaining, license } };
    }).catch(RollBack.unwrap);
  }

  /**
   * Retires a drawn license and gives `quantity` of its units back. A partial return keeps the
   * rest licensed under a new key (a signed file cannot change its quantity).
   */
  async returnUnits(ctx: RequestContext, accountId: string, contractId: string, input: TFlexReturnCreate): Promise<FlexOutcome<TFlexReturnResult>> {
    const access = authorize(ctx.actor, 'account.operate', accountId);
    return this.deps.store.transaction(async (tx) => {
      const contract = await findFlexContract(tx, accountId, contractId);
      const license = await licensesRepository.findLicense(tx, accountId, input.licenseId);
      if (!license || license.source !== 'draw_down' || license.source_ref !== contract.id) {
        throw fieldError('licenseId', `not a license drawn down from ${contract.serial_number}`);
      }
      if (input.quantity > license.quantity) throw fieldError('quantity', `the license holds ${license.quantity} units; return at most that`);
      const notActive = this.refuseOutsideTerm(contract, 'return units to');
      if (notActive) return notActive;
      const now = this.deps.clock.now();
      if (!(await flexRepository.retireLicense(tx, license.id, now.toISOString()))) {
        return refusal('conflict', `license ${license.license_key} is ${license.status} already; its units went back or it was replaced`);
      }
      const pool = await poolFor(tx, contract, license.sku);
      const remaining = await flexRepository.giveUnitsBack(tx, pool.id, input.quantity);
      if (remaining === undefined) throw new Error(`pool ${pool.id} would hold more than its ${pool.units} units: the ledger and the pool disagree`);
      const kept = license.quantity - input.quantity;
      const replacement =
        kept > 0
          ? await this.deps.licenses.issue(tx, ctx, {
              accountId,
              product: (await catalogRepository.findProduct(tx, license.product_id))!,
              quantity: kept,
              hostId: license.host_id,
              expiresAt: license.expires_at,
              maintenanceEndsAt: license.maintenance_ends_at,
              source: 'draw_down',
              sourceRef: contract.id,
              entitlementId: null,
              registrationId: null,
              replacesLicenseId: license.id,
              partnerAccountId: access.partnerAccountId,
            })
          : null;
      const entryId = await this.record(tx, ctx, access.partnerAccountId, {
        contract,
        pool,
        remaining,
        kind: 'return',
        quantity: input.quantity,
        license: { id: license.id, hostId: license.host_id },
        replacementLicenseId: replacement?.id ?? null,
      });
      const value: TFlexReturnResult = { id: entryId, contractId: contract.id, productSku: pool.sku, quantity: input.quantity, remaining, retiredLicenseId: license.id, license: replacement };
      return { ok: true as const, value };
    });
  }

  /**
   * The ledger entry and the audit entry of a pool change, in its transaction; answers the entry's
   * id. The audit entry targets the license, so the license's history shows it.
   */
  private async record(tx: Db, ctx: RequestContext, partnerAccountId: string | null, change: PoolChange): Promise<string> {
    const { contract, pool, remaining } = change;
    const at = this.deps.clock.now();
    const entryId = newId('flexLedger', at);
    await flexRepository.insertLedger(tx, {
      id: entryId,
      contract_id: contract.id,
      pool_id: pool.id,
      account_id: contract.account_id,
      product_id: pool.product_id,
      kind: change.kind,
      quantity: change.quantity,
      license_id: change.license.id,
      replacement_license_id: change.replacementLicenseId,
      host_id: change.license.hostId,
      actor_label: actorLabel(ctx.actor),
      at: at.toISOString(),
    });
    await this.deps.audit.record(tx, ctx, {
      action: change.kind === 'draw_down' ? 'flex.drawn_down' : 'flex.returned',
      accountId: contract.account_id,
      partnerAccountId,
      targetType: 'license',
      targetId: change.license.id,
      data: {
        contractId: contract.id,
        serialNumber: contract.serial_number,
        productSku: pool.sku,
        quantity: change.quantity,
        hostId: change.license.hostId,
        replacementLicenseId: change.replacementLicenseId,
        remaining,
      },
    });
    return entryId;
  }

  private refuseOutsideTerm(contract: ContractRow, what: string): FlexRefusal | undefined {
    const state = contractState(contract, dateOf(this.deps.clock.now()));
    if (state === 'scheduled') return refusal('contract_not_active', `contract ${contract.serial_number} starts on ${contract.starts_at}; you can ${what} it from then`);
    if (state === 'ended') return refusal('contract_not_active', `contract ${contract.serial_number} ended on ${contract.ends_at}; you can no longer ${what} it`);
    return undefined;
  }
}

async function poolFor(tx: Db, contract: ContractRow, productSku: string): Promise<PoolRow> {
  const pools = await flexRepository.poolsOf(tx, [contract.id]);
  const pool = pools.find((p) => p.sku === productSku);
  if (!pool) throw fieldError('productSku', `${contract.serial_number} has no pool of ${productSku}; it holds ${pools.map((p) => p.sku).join(', ')}`);
  return pool;
}

interface PoolChange {
  contract: ContractRow;
  pool: PoolRow;
  /** The pool's units left after the change. */
  remaining: number;
  kind: 'draw_down' | 'return';
  quantity: number;
  license: { id: string; hostId: string | null };
  replacementLicenseId: string | null;
}

/** A refusal found after writes began: thrown to roll them back, answered as the refusal. */
class RollBack extends Error {
  constructor(readonly refusal: FlexRefusal) {
    super(refusal.message);
  }

  static unwrap(error: unknown): FlexRefusal {
    if (error instanceof RollBack) return error.refusal;
    throw error;
  }
}

const refusal = (code: FlexRefusal['code'], message: string): FlexRefusal => ({ ok: false, code, message });
