import type { Db } from '../../db/database.js';
import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { pageOf } from '../../platform/paging.js';
import { AppError, fieldError, notFound } from '../../http/app-error.js';
import { generateVoucherCode, parseVoucherCode } from '../../../domain/identifiers/index.js';
import type { TVoucherBatch, TVoucherBatchCreate } from '../../../contracts/vouchers.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { catalogRepository } from '../catalog/catalog.repository.js';
import { dateOf } from '../../../domain/reminders/calendar-date.js';
import { vouchersRepository, type BatchRow } from './vouchers.repository.js';
import type { VouchersTable } from './vouchers.table.js';
import { batchCsv, renderBatchSheetPdf } from './voucher-sheet.js';
import { toBatchView, toVoucherView } from './voucher-view.js';

export interface VoucherBatchesDeps {
  store: Store;
  clock: Clock;
  audit: AuditLog;
  vendorName: string;
  /** Draws a code; tests pass one that repeats to prove the retry on a taken code. */
  newVoucherCode?: () => string;
}

/** 75 random bits per code: a taken code is all but impossible, and a few rounds always settle it. */
const CODE_ROUNDS = 8;

type PageOptions = { cursor?: string | undefined; limit: number };

/** Voucher batches (SPEC §9): the vendor makes and voids them; the OEM lists, prints and exports them. */
export class VoucherBatchesService {
  constructor(private readonly deps: VoucherBatchesDeps) {}

  async create(ctx: RequestContext, input: TVoucherBatchCreate): Promise<{ id: string; vouchers: string[] }> {
    authorize(ctx.actor, 'vendor.write');
    const now = this.deps.clock.now();
    if (input.expiresAt < dateOf(now)) throw fieldError('expiresAt', 'is in the past; vouchers must be redeemable for at least a day');
    return this.deps.store.transaction(async (tx) => {
      const oem = await accountsRepository.findAccount(tx, input.oemAccountId);
      if (!oem || oem.kind !== 'oem') throw fieldError('oemAccountId', 'no such OEM account');
      const product = await catalogRepository.findProductBySku(tx, input.productSku);
      if (!product) throw fieldError('productSku', `no product with SKU ${input.productSku}`);
      const batchId = newId('voucherBatch', now);
      await vouchersRepository.insertBatch(tx, {
        id: batchId,
        oem_account_id: oem.id,
        product_id: product.id,
        count: input.count,
        expires_at: input.expiresAt,
        created_at: now.toISOString(),
        voided_at: null,
      });
      const codes = await this.insertCodes(tx, input.count, (code) => ({
        id: newId('voucher', now),
        batch_id: batchId,
        oem_account_id: oem.id,
        code,
        state: 'available',
        expires_at: input.expiresAt,
        redeemed_at: null,
        redeemed_by: null,
        end_customer_account_id: null,
        license_id: null,
        voided_at: null,
      }));
      // The codes are bearer values: the audit entry records the batch, never the codes.
      await this.deps.audit.record(tx, ctx, {
        action: 'voucher_batch.created',
        accountId: oem.id,
        targetType: 'voucher_batch',
        targetId: batchId,
        data: { productSku: product.sku, count: input.count, expiresAt: input.expiresAt },
      });
      return { id: batchId, vouchers: codes };
    });
  }

  async listForOem(ctx: RequestContext, oemAccountId: string, opts: PageOptions) {
    authorize(ctx.actor, 'account.read', oemAccountId);
    return this.page({ ...opts, oemAccountId });
  }

  async listAll(ctx: RequestContext, opts: PageOptions & { oemAccountId?: string | undefined }) {
    authorize(ctx.actor, 'vendor.read');
    return this.page(opts);
  }

  async get(ctx: RequestContext, oemAccountId: string | null, batchId: string): Promise<TVoucherBatch> {
    if (oemAccountId === null) authorize(ctx.actor, 'vendor.read');
    else authorize(ctx.actor, 'account.read', oemAccountId);
    const row = await this.find(this.deps.store.db, batchId, oemAccountId);
    return toBatchView(row, await vouchersRepository.countsByState(this.deps.store.db, [row.id], this.today()));
  }

  /** The printable sheet (PDF) or the spreadsheet (CSV) of a batch, for its OEM or the vendor. */
  async sheet(ctx: RequestContext, oemAccountId: string | null, batchId: string, format: 'pdf' | 'csv'): Promise<{ fileName: string; bytes: Buffer }> {
    const batch = await this.get(ctx, oemAccountId, batchId);
    const vouchers = (await vouchersRepository.vouchersOfBatch(this.deps.store.db, batch.id, this.today())).map(toVoucherView);
    const bytes = format === 'pdf' ? await renderBatchSheetPdf(batch, vouchers, this.deps.vendorName) : Buffer.from(batchCsv(vouchers), 'utf8');
    return { fileName: `vouchers-${batch.id}.${format}`, bytes };
  }

  /** Voids every available voucher of the batch; redeemed vouchers and their licenses stay. */
  async voidBatch(ctx: RequestContext, batchId: string): Promise<{ id: string; voided: number; voidedAt: string }> {
    authorize(ctx.actor, 'vendor.write');
    return this.deps.store.transaction(async (tx) => {
      const batch = await this.find(tx, batchId, null);
      const at = this.deps.clock.now().toISOString();
      const voided = await vouchersRepository.voidAvailable(tx, { batchId: batch.id }, at);
      await vouchersRepository.markBatchVoided(tx, batch.id, at);
      await this.deps.audit.record(tx, ctx, { action: 'voucher_batch.voided', accountId: batch.oem_account_id, targetType: 'voucher_batch', targetId: batch.id, data: { voided } });
      return { id: batch.id, voided, voidedAt: at };
    });
  }

  /** Voids one available voucher by its code; a redeemed one answers 409, an expired or void one 422. */
  async voidVoucher(ctx: RequestContext, typedCode: string) {
    authorize(ctx.actor, 'vendor.write');
    const parsed = parseVoucherCode(typedCode, { field: 'code' });
    if (!parsed.ok) throw fieldError('code', parsed.message.slice('code: '.length));
    return this.deps.store.transaction(async (tx) => {
      const today = this.today();
      const voucher = await vouchersRepository.findByCodeAnyOem(tx, parsed.value, today);
      if (!voucher) throw notFound('voucher');
      const at = this.deps.clock.now().toISOString();
      if ((await vouchersRepository.voidAvailable(tx, { voucherId: voucher.id }, at)) === 0) {
        if (voucher.derived_state === 'redeemed') throw new AppError('voucher_already_redeemed', `voucher ${voucher.code} was redeemed on ${voucher.redeemed_at?.slice(0, 10)}; its license stays`);
        throw new AppError('voucher_not_redeemable', `voucher ${voucher.code} is ${voucher.derived_state} already`);
      }
      await this.deps.audit.record(tx, ctx, { action: 'voucher.voided', accountId: voucher.oem_account_id, targetType: 'voucher', targetId: voucher.id, data: { batchId: voucher.batch_id } });
      return toVoucherView((await vouchersRepository.findByCodeAnyOem(tx, parsed.value, today))!);
    });
  }

  private async page(opts: PageOptions & { oemAccountId?: string | undefined }) {
    const { db } = this.deps.store;
    const rows = await vouchersRepository.listBatches(db, { oemAccountId: opts.oemAccountId, after: opts.cursor, limit: opts.limit + 1 });
    const page = pageOf(rows, opts.limit, (r) => r.id);
    const counts = await vouchersRepository.countsByState(db, page.items.map((r) => r.id), this.today());
    return { items: page.items.map((r) => toBatchView(r, counts)), nextCursor: page.nextCursor };
  }

  private async find(db: Db, batchId: string, oemAccountId: string | null): Promise<BatchRow> {
    const row = await vouchersRepository.findBatch(db, batchId, oemAccountId ?? undefined);
    if (!row) throw notFound('voucher batch');
    return row;
  }

  private today(): string {
    return dateOf(this.deps.clock.now());
  }

  /**
   * Inserts `count` vouchers with fresh codes. The unique index on `code` is the judge: a code
   * that is taken (by any batch) is left out by the insert and drawn again in the next round.
   */
  private async insertCodes(tx: Db, count: number, row: (code: string) => VouchersTable): Promise<string[]> {
    const draw = this.deps.newVoucherCode ?? generateVoucherCode;
    const codes: string[] = [];
    let wanted = count;
    for (let round = 0; round < CODE_ROUNDS && wanted > 0; round++) {
      const drawn = new Set<string>();
      for (let draws = 0; drawn.size < wanted && draws < wanted * 4; draws++) drawn.add(draw());
      const inserted = await vouchersRepository.insertVouchers(tx, [...drawn].map(row));
      for (const code of drawn) if (inserted.has(code)) codes.push(code);
      wanted = count - codes.length;
    }
    if (wanted > 0) throw new Error(`could not draw ${count} free voucher codes in ${CODE_ROUNDS} rounds`);
    return codes;
  }
}
