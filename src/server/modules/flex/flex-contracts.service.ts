import type { Db } from '../../db/database.js';
import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { toCsv } from '../../platform/csv.js';
import { newId } from '../../platform/ids.js';
import { pageOf } from '../../platform/paging.js';
import { fieldError, notFound } from '../../http/app-error.js';
import { generateSerialNumber, parseSerialNumber } from '../../../domain/identifiers/index.js';
import type { TFlexContract, TFlexContractCreate, TFlexUsage } from '../../../contracts/flex.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { catalogRepository } from '../catalog/catalog.repository.js';
import { flexRepository, type ContractRow } from './flex.repository.js';
import type { FlexPoolsTable } from './flex.table.js';
import { usageRows } from './flex-term.js';
import { dateOf } from '../../../domain/reminders/calendar-date.js';
import { toContractView, toLedgerView } from './flex-view.js';

export interface FlexContractsDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  /** Draws a serial number; tests pass one that repeats to prove the retry. */
  newSerialNumber?: () => string;
}

/** Nine random digits give a billion serials; a few draws always find a free one. */
const SERIAL_ATTEMPTS = 8;

type PageOptions = { cursor?: string | undefined; limit: number };

/** Enterprise Flexible contracts (SPEC §8): the vendor records them; accounts read them and their usage. */
export class FlexContractsService {
  constructor(private readonly deps: FlexContractsDeps) {}

  async create(ctx: RequestContext, input: TFlexContractCreate): Promise<{ id: string; serialNumber: string }> {
    authorize(ctx.actor, 'vendor.write');
    if (input.endsAt < input.startsAt) throw fieldError('endsAt', 'must be on or after startsAt');
    const skus = input.pool.map((p) => p.productSku);
    skus.forEach((sku, i) => {
      if (skus.indexOf(sku) !== i) throw fieldError(`pool.${i}.productSku`, `${sku} is named twice; one pool per product`);
    });
    return this.deps.store.transaction(async (tx) => {
      const account = await accountsRepository.findAccount(tx, input.accountId);
      if (!account || account.kind !== 'customer') throw fieldError('accountId', 'no such customer account');
      const products = await catalogRepository.productsBySku(tx, skus);
      skus.forEach((sku, i) => {
        if (!products.has(sku)) throw fieldError(`pool.${i}.productSku`, `no product with SKU ${sku}`);
      });
      const now = this.deps.clock.now();
      const contract = { id: newId('flexContract', now), account_id: account.id, starts_at: input.startsAt, ends_at: input.endsAt, created_at: now.toISOString() };
      const serialNumber = await this.insertWithFreeSerial(tx, contract);
      const pools: FlexPoolsTable[] = input.pool.map((p) => ({
        id: newId('flexPool', now),
        contract_id: contract.id,
        product_id: products.get(p.productSku)!.id,
        units: p.units,
        remaining: p.units,
      }));
      await flexRepository.insertPools(tx, pools);
      await this.deps.audit.record(tx, ctx, {
        action: 'flex_contract.created',
        accountId: account.id,
        targetType: 'flex_contract',
        targetId: contract.id,
        data: { serialNumber, startsAt: input.startsAt, endsAt: input.endsAt, pool: input.pool },
      });
      return { id: contract.id, serialNumber };
    });
  }

  async list(ctx: RequestContext, accountId: string, opts: PageOptions) {
    authorize(ctx.actor, 'account.read', accountId);
    return this.page(accountId, opts);
  }

  async listAll(ctx: RequestContext, opts: PageOptions & { accountId?: string | undefined }) {
    authorize(ctx.actor, 'vendor.read');
    return this.page(opts.accountId, opts);
  }

  async get(ctx: RequestContext, accountId: string, contractId: string): Promise<TFlexContract> {
    authorize(ctx.actor, 'account.read', accountId);
    const { db } = this.deps.store;
    const row = await this.find(db, accountId, contractId);
    return toContractView(row, await flexRepository.poolsOf(db, [row.id]), this.today());
  }

  async ledger(ctx: RequestContext, accountId: string, contractId: string, opts: PageOptions) {
    authorize(ctx.actor, 'account.read', accountId);
    const { db } = this.deps.store;
    const row = await this.find(db, accountId, contractId);
    const rows = await flexRepository.listLedger(db, row.id, { after: opts.cursor, limit: opts.limit + 1 });
    return pageOf(rows.map(toLedgerView), opts.limit, (e) => e.id);
  }

  async usage(ctx: RequestContext, accountId: string, contractId: string): Promise<TFlexUsage> {
    authorize(ctx.actor, 'account.read', accountId);
    const { db } = this.deps.store;
    const row = await this.find(db, accountId, contractId);
    return { contractId: row.id, serialNumber: row.serial_number, items: usageRows(await flexRepository.usage(db, row.id)), nextCursor: null };
  }

  /** The usage report as a spreadsheet: one row per month and product. */
  async usageCsv(ctx: RequestContext, accountId: string, contractId: string): Promise<{ fileName: string; csv: string }> {
    const usage = await this.usage(ctx, accountId, contractId);
    const csv = toCsv(
      ['contract', 'month', 'product_sku', 'product_name', 'drawn', 'returned', 'net'],
      usage.items.map((r) => [usage.serialNumber, r.month, r.productSku, r.productName, r.drawn, r.returned, r.net]),
    );
    return { fileName: `${usage.serialNumber}-usage.csv`, csv };
  }

  private async page(accountId: string | undefined, opts: PageOptions) {
    const { db } = this.deps.store;
    const rows = await flexRepository.listContracts(db, { accountId, after: opts.cursor, limit: opts.limit + 1 });
    const page = pageOf(rows, opts.limit, (r) => r.id);
    const pools = await flexRepository.poolsOf(db, page.items.map((r) => r.id));
    const today = this.today();
    return { items: page.items.map((r) => toContractView(r, pools, today)), nextCursor: page.nextCursor };
  }

  private find(db: Db, accountId: string, contractId: string): Promise<ContractRow> {
    return findFlexContract(db, accountId, contractId);
  }

  private today(): string {
    return dateOf(this.deps.clock.now());
  }

  /** The unique index decides whether a serial is free; a taken one is drawn again. */
  private async insertWithFreeSerial(tx: Db, contract: Omit<ContractRow, 'serial_number' | 'account_name'>): Promise<string> {
    const draw = this.deps.newSerialNumber ?? (() => generateSerialNumber('E'));
    for (let attempt = 0; attempt < SERIAL_ATTEMPTS; attempt++) {
      const serialNumber = draw();
      if (await flexRepository.insertContract(tx, { ...contract, serial_number: serialNumber })) return serialNumber;
    }
    throw new Error(`no free E… serial number after ${SERIAL_ATTEMPTS} draws`);
  }
}

/** A contract of the account by id or by its serial number, typed in any form (`e 3482…`). */
export async function findFlexContract(db: Db, accountId: string, idOrSerial: string): Promise<ContractRow> {
  const serial = parseSerialNumber(idOrSerial, { kinds: ['E'] });
  const row = await flexRepository.findContract(db, accountId, serial.ok ? serial.value : idOrSerial);
  if (!row) throw notFound('Enterprise Flexible contract');
  return row;
}
