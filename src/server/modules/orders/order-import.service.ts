import { parse } from 'csv-parse/sync';
import { fixedQuery } from '../../db/compiled-once.js';
import type { Db } from '../../db/database.js';
import { dropHeldSince, heldMark } from '../../db/held-inserts.js';
import type { Store } from '../../db/store.js';
import type { Clock } from '../../platform/clock.js';
import { fieldError } from '../../http/app-error.js';
import type { TErrorDetail } from '../../../contracts/errors.js';
import type { TOrderImportReport } from '../../../contracts/orders.js';
import { accountsRepository } from '../accounts/accounts.repository.js';
import type { DelegationsService } from '../accounts/delegations.service.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { catalogRepository } from '../catalog/catalog.repository.js';
import { checkOrderLine, insertOrderPlans, planOrder, type OrderPlan } from './order-plan.js';
import { readHeader, readRow, type ImportColumn, type ImportRow } from './order-import-row.js';
import type { OrdersService } from './orders.service.js';
import { ordersRepository } from './orders.repository.js';

/**
 * Rows written per transaction. Each COMMIT waits for the disk (synchronous=FULL) and writes every
 * index page the chunk touched (serial numbers land all over their indexes), so larger chunks write
 * less per row. 2,000 rows: the widest insert (a line, 15 columns) stays under SQLite's 32,766
 * parameters, and a chunk holds the write lock for about a tenth of a second.
 */
const CHUNK_ROWS = 2000;

interface PlannedRow {
  row: number;
  plan: OrderPlan;
}

/**
 * `POST /admin/orders/import` (SPEC §3): one order of one line per CSV row, each row all or
 * nothing. Rows are checked against the catalog and accounts first, then a chunk of good rows
 * is written in one transaction; should that fail (a reference recorded by a concurrent import),
 * the chunk is written again with a savepoint per row so that only the offending row is rejected.
 * Certificates of imported orders are e-mailed by the worker (CertificatesService.mailPending).
 */
export class OrderImportService {
  constructor(private readonly deps: { store: Store; clock: Clock; delegations: DelegationsService; orders: OrdersService }) {}

  async importCsv(ctx: RequestContext, csv: string): Promise<TOrderImportReport> {
    authorize(ctx.actor, 'vendor.write');
    const records = parseCsv(csv);
    if (records.length === 0) throw fieldError('body', 'the file is empty; the first row names the columns');
    const header = readHeader(records[0]!);
    const report: TOrderImportReport = { imported: 0, rejected: [] };
    const seenReferences = new Map<string, number>();
    for (let start = 1; start < records.length; start += CHUNK_ROWS) {
      const rows = records.slice(start, start + CHUNK_ROWS).map((cells, i) => readRow(cells, start + i + 1, header));
      const planned = await this.check(rows, seenReferences, report);
      report.imported += await this.write(ctx, planned, report);
    }
    report.rejected.sort((a, b) => a.row - b.row);
    return report;
  }

  /** Checks a chunk against the database in three reads; answers the rows worth writing. */
  private async check(rows: ReturnType<typeof readRow>[], seenReferences: Map<string, number>, report: TOrderImportReport): Promise<PlannedRow[]> {
    const { db } = this.deps.store;
    const good = rows.filter((r): r is ImportRow => !('errors' in r));
    for (const r of rows) if ('errors' in r) report.rejected.push(r);
    const [accounts, products, recorded] = await Promise.all([
      accountsRepository.namesOf(db, [...new Set(good.flatMap((r) => (r.partnerAccountId ? [r.accountId, r.partnerAccountId] : [r.accountId])))]),
      catalogRepository.productsBySku(db, good.map((r) => r.productSku)),
      ordersRepository.existingReferences(db, good.map((r) => r.reference)),
    ]);
    const now = this.deps.clock.now();
    const planned: PlannedRow[] = [];
    for (const r of good) {
      const errors: TErrorDetail[] = [];
      const fault = (field: ImportColumn, message: string) => errors.push({ field, message });
      if (accounts.get(r.accountId)?.kind !== 'customer') fault('accountId', 'no customer account with this id');
      if (r.partnerAccountId && accounts.get(r.partnerAccountId)?.kind !== 'partner') fault('partnerAccountId', 'no partner account with this id');
      const product = products.get(r.productSku);
      errors.push(...checkOrderLine(r, product, (name) => (name === 'productSku' ? 'productSku' : name === 'maintenance' ? 'maintenanceStartsAt' : 'maintenanceEndsAt')));
      const earlier = seenReferences.get(r.reference);
      if (recorded.has(r.reference)) fault('reference', `imported already (order ${recorded.get(r.reference)})`);
      else if (earlier !== undefined) fault('reference', `appears again; row ${earlier} has it`);
      else seenReferences.set(r.reference, r.row);
      if (errors.length) {
        report.rejected.push({ row: r.row, errors });
        continue;
      }
      const lines = [{ product: product!, quantity: r.quantity, maintenance: r.maintenance, keyOnCertificate: r.keyOnCertificate }];
      planned.push({ row: r.row, plan: planOrder({ accountId: r.accountId, partnerAccountId: r.partnerAccountId, reference: r.reference, source: 'import', lines }, now, { mailed: false }) });
    }
    return planned;
  }

  /** Writes the chunk in one transaction, or row by row when the chunk fails. Answers how many were written. */
  private async write(ctx: RequestContext, planned: PlannedRow[], report: TOrderImportReport): Promise<number> {
    if (planned.length === 0) return 0;
    try {
      await this.deps.store.transaction((tx) => this.writeRows(tx, ctx, planned));
      return planned.length;
    } catch {
      return this.writeApart(ctx, planned, report);
    }
  }

  /**
   * The chunk again, each row under a savepoint of its own in one transaction: a row that fails is
   * rolled back alone and reported, and the chunk still waits for the disk once, not once a row.
   */
  private async writeApart(ctx: RequestContext, planned: PlannedRow[], report: TOrderImportReport): Promise<number> {
    const rejected: TOrderImportReport['rejected'] = [];
    try {
      await this.deps.store.transaction(async (tx) => {
        for (const one of planned) {
          const mark = heldMark(tx);
          await savepoint(tx);
          try {
            await this.writeRows(tx, ctx, [one]);
          } catch (error) {
            await rollbackToSavepoint(tx);
            dropHeldSince(tx, mark);
            rejected.push({ row: one.row, errors: [describeWriteFailure(error)] });
          }
          await releaseSavepoint(tx);
        }
      });
    } catch (error) {
      for (const one of planned) report.rejected.push({ row: one.row, errors: [describeWriteFailure(error)] });
      return 0;
    }
    report.rejected.push(...rejected);
    return planned.length - rejected.length;
  }

  private async writeRows(tx: Db, ctx: RequestContext, rows: PlannedRow[]): Promise<void> {
    const pairs = new Map<string, { customer: string; partner: string }>();
    for (const { plan } of rows) {
      const partner = plan.order.partner_account_id;
      if (partner) pairs.set(`${plan.order.account_id} ${partner}`, { customer: plan.order.account_id, partner });
    }
    for (const { customer, partner } of pairs.values()) await this.deps.delegations.record(tx, ctx, customer, partner, 'order');
    await insertOrderPlans(tx, rows.map((r) => r.plan));
    await this.deps.orders.recordCreated(tx, ctx, rows.map((r) => r.plan));
  }
}

const savepoint = fixedQuery('SAVEPOINT import_row');
const rollbackToSavepoint = fixedQuery('ROLLBACK TO SAVEPOINT import_row');
const releaseSavepoint = fixedQuery('RELEASE SAVEPOINT import_row');

function parseCsv(csv: string): string[][] {
  try {
    return parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false }) as string[][];
  } catch (error) {
    throw fieldError('body', `not readable as CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function describeWriteFailure(error: unknown): TErrorDetail {
  const message = error instanceof Error ? error.message : String(error);
  if (/unique|duplicate/i.test(message) && /reference/i.test(message)) return { field: 'reference', message: 'imported already (by an import running at the same time)' };
  return { field: 'row', message: 'could not be recorded; nothing of it was written' };
}
