import { Readable } from 'node:stream';
import type { Db } from '../../db/database.js';
import type { Store } from '../../db/store.js';
import type { RequestContext } from '../auth/actor.js';
import { csvCell, csvLine } from './csv-cells.js';
import type { FieldDefinition } from './custom-value-rules.js';
import { licenseDetailsRepository } from './license-details.repository.js';
import { EXPORTED, type ExportedRow } from './license-export.repository.js';
import type { ListCursor } from './license-cursor.js';
import { licenseListRepository, type ExportPlan } from './license-list.repository.js';
import type { LicenseFilterQuery, LicenseListService } from './license-list.service.js';

/** Licenses read per query: large enough for throughput, small enough that memory stays flat. */
export const EXPORT_BATCH_ROWS = 2000;

const COLUMNS = [
  'licenseId',
  'licenseKey',
  'productSku',
  'productName',
  'version',
  'quantity',
  'status',
  'hostId',
  'serialNumber',
  'issuedAt',
  'notBefore',
  'expiresAt',
  'maintenanceEndsAt',
  'maintenance',
  'sharedFrom',
  'sharedPermission',
];

/**
 * The filtered list as CSV (SPEC §7), streamed: the list is read in keyset batches, each one
 * query that returns the licenses' columns with their place in the list, and each batch is
 * written as the client reads, so a million rows take the memory of one batch. Custom fields are
 * columns named like the fields, so the file imports back as it is.
 */
export class LicenseExportService {
  constructor(private readonly deps: { list: LicenseListService; store: Store }) {}

  /** Authorizes and reads the first batch before the first byte, so that a refusal is an ordinary error answer. */
  async csv(ctx: RequestContext, accountId: string, query: LicenseFilterQuery): Promise<Readable> {
    const { plan, fields } = await this.deps.list.exportPlan(ctx, accountId, query, EXPORT_BATCH_ROWS);
    const { db } = this.deps.store;
    const first = plan ? await licenseListRepository.pageOfRows(db, plan) : { rows: [], after: null };
    const writer = new RowWriter(db, ctx, fields);
    return Readable.from(this.chunks(db, plan, first, writer), { objectMode: false, highWaterMark: 64 * 1024 });
  }

  private async *chunks(db: Db, plan: ExportPlan | null, first: Batch, writer: RowWriter): AsyncGenerator<string> {
    yield writer.header();
    let batch = first;
    while (plan && batch.rows.length > 0) {
      // The next batch is asked for before this one is written: on PostgreSQL the two overlap.
      const next = batch.after ? licenseListRepository.pageOfRows(db, { ...plan, after: batch.after }) : null;
      next?.catch(() => {}); // awaited below; a failure must not surface twice
      yield await writer.lines(batch.rows);
      batch = next ? await next : { rows: [], after: null };
    }
  }
}

interface Batch {
  rows: ExportedRow[];
  after: ListCursor | null;
}

/**
 * Writes batches of rows as CSV lines. The database writes each line but for the product's
 * cells (see `ExportedRow`), made once per product per export; a license shared from another
 * account gets its share mark and its owner's values here.
 */
class RowWriter {
  private readonly products = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly ctx: RequestContext,
    private readonly fields: FieldDefinition[],
  ) {}

  header(): string {
    return csvLine([...COLUMNS, ...this.fields.map((f) => f.name)]);
  }

  async lines(rows: ExportedRow[]): Promise<string> {
    const [shared] = await Promise.all([this.sharedOf(rows), this.loadProducts(rows)]);
    const { products } = this;
    let out = '';
    for (const r of rows) {
      out += r[EXPORTED.head] + products.get(r[EXPORTED.productId])! + r[EXPORTED.rest];
      if (shared && r[EXPORTED.isShared]) out += this.sharedCells(r[EXPORTED.id], shared);
    }
    return out;
  }

  /** A shared license's mark and values: its values belong to its owner's fields of the same names. */
  private sharedCells(id: string, shared: NonNullable<Awaited<ReturnType<RowWriter['sharedOf']>>>): string {
    const mark = shared.marks.get(id);
    let out = mark ? `,${csvCell(mark.owner_name)},${mark.permission}` : ',,';
    const values = shared.values.get(id);
    for (const field of this.fields) out += `,${csvCell(values?.[field.name])}`;
    return `${out}\r\n`;
  }

  /**
   * For licenses of other accounts shared with the user (read only when a batch holds some):
   * how they are shared, and their values, which belong to their owner's fields of the same names.
   */
  private async sharedOf(rows: ExportedRow[]) {
    const foreign = rows.filter((r) => r[EXPORTED.isShared]).map((r) => r[EXPORTED.id]);
    if (foreign.length === 0) return null;
    const [marks, values] = await Promise.all([
      this.ctx.actor.kind === 'user' ? licenseDetailsRepository.shareMarks(this.db, this.ctx.actor.userId, foreign) : [],
      licenseDetailsRepository.values(this.db, foreign),
    ]);
    const byLicense = new Map<string, Record<string, string>>();
    // Without a prototype, a field named like an object's property (`constructor`) reads as absent.
    for (const v of values) {
      let record = byLicense.get(v.license_id);
      if (!record) byLicense.set(v.license_id, (record = Object.create(null) as Record<string, string>));
      record[v.name] = v.value;
    }
    return { marks: new Map(marks.map((m) => [m.license_id, m])), values: byLicense };
  }

  private async loadProducts(rows: ExportedRow[]): Promise<void> {
    const missing = [...new Set(rows.map((r) => r[EXPORTED.productId]))].filter((id) => !this.products.has(id));
    for (const p of await licenseDetailsRepository.products(this.db, missing)) this.products.set(p.id, `,${csvCell(p.sku)},${csvCell(p.name)},${csvCell(p.version)}`);
  }
}
