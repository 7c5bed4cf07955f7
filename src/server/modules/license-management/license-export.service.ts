import { Readable } from 'node:stream';
import type { Db } from '../../db/database.js';
import type { Store } from '../../db/store.js';
import type { RequestContext } from '../auth/actor.js';
import { csvCell, csvLine } from './csv-cells.js';
import type { FieldDefinition } from './custom-value-rules.js';
import { licenseDetailsRepository } from './license-details.repository.js';
import type { ExportedRow } from './license-export.repository.js';
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
    const first = plan ? await licenseListRepository.pageOfRows(db, plan) : [];
    const writer = new RowWriter(db, ctx, fields);
    return Readable.from(this.chunks(db, plan, first, writer), { objectMode: false, highWaterMark: 64 * 1024 });
  }

  private async *chunks(db: Db, plan: ExportPlan | null, first: ExportedRow[], writer: RowWriter): AsyncGenerator<string> {
    yield writer.header();
    let batch = first;
    while (plan && batch.length > 0) {
      const last = batch[batch.length - 1]!;
      // The next batch is asked for before this one is written: on PostgreSQL the two overlap.
      const next = batch.length < plan.limit ? null : licenseListRepository.pageOfRows(db, { ...plan, after: { sort: '', phase: last.phase, key: last.sk, id: last.id } });
      next?.catch(() => {}); // awaited below; a failure must not surface twice
      yield await writer.lines(batch);
      batch = next ? await next : [];
    }
  }
}

/**
 * Writes batches of rows as CSV lines. The cells the portal makes come from the database as CSV
 * text already (see `ExportedRow`); names, host IDs and custom values go through `csvCell`. A
 * product's three cells are made once per export. Stored values are canonical for their type (a
 * number as `String(n)`), so they are written as stored.
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
    const fieldIds = this.fields.map((f) => f.id);
    const fieldNames = this.fields.map((f) => f.name);
    let out = '';
    for (const r of rows) {
      const mark = shared?.marks.get(r.id);
      // `cells` is `key,quantity,status,serial,…`: none of them holds a comma.
      const { cells } = r;
      const key = cells.indexOf(',');
      const status = cells.indexOf(',', cells.indexOf(',', key + 1) + 1);
      out +=
        `${r.id},${cells.slice(0, key)},${this.products.get(r.product_id)}${cells.slice(key, status)},${csvCell(r.host_id)}${cells.slice(status)},` +
        (mark ? `${csvCell(mark.owner_name)},${mark.permission}` : ',');
      // A license shared from another account holds its owner's fields: its values are matched by name.
      const foreign = shared?.values.get(r.id);
      const values = foreign ?? valuesOf(r);
      const keys = foreign ? fieldNames : fieldIds;
      if (values) for (const key of keys) out += `,${csvCell(values[key])}`;
      else out += ','.repeat(keys.length);
      out += '\r\n';
    }
    return out;
  }

  /**
   * For licenses of other accounts shared with the user (read only when a batch holds some):
   * how they are shared, and their values, which belong to their owner's fields of the same names.
   */
  private async sharedOf(rows: ExportedRow[]) {
    const foreign = rows.filter((r) => r.is_shared).map((r) => r.id);
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
    const missing = [...new Set(rows.map((r) => r.product_id))].filter((id) => !this.products.has(id));
    for (const p of await licenseDetailsRepository.products(this.db, missing)) this.products.set(p.id, `${csvCell(p.sku)},${csvCell(p.name)},${csvCell(p.version)}`);
  }
}

function valuesOf(row: ExportedRow): Record<string, string> | null {
  return row.field_values === null ? null : (JSON.parse(row.field_values) as Record<string, string>);
}
