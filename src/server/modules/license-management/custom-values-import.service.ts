import { parse } from 'csv-parse/sync';
import type { TErrorDetail } from '../../../contracts/errors.js';
import type { TImportReport } from '../../../contracts/license-management.js';
import { parseLicenseKey } from '../../../domain/identifiers/license-key.js';
import type { Store } from '../../db/store.js';
import { fieldError, validationFailed } from '../../http/app-error.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { fieldsByName, tryReadValues, type CustomValueInput, type CustomValuesService, type ValueChange } from './custom-values.service.js';
import { licenseLookupsRepository, type LicenseOwnerRow } from './license-lookups.repository.js';

/** Rows checked and written together: one transaction each, so a large file never holds the database for long. */
const CHUNK_ROWS = 500;
export const MAX_IMPORT_ROWS = 200_000;

interface ReadRow {
  row: number;
  license: LicenseOwnerRow | null;
  changes: ValueChange[];
  errors: TErrorDetail[];
}

/**
 * Custom values from CSV: a `licenseKey` (or `licenseId`) column and one column per field.
 * An empty cell leaves that value as it is. Each row is taken whole or refused whole, and the
 * report names every refused row and why, by its record number (the header is 1).
 */
export class CustomValuesImport {
  constructor(private readonly deps: { store: Store; values: CustomValuesService }) {}

  async importCsv(ctx: RequestContext, accountId: string, csv: string): Promise<TImportReport> {
    const access = authorize(ctx.actor, 'account.operate', accountId);
    const records = readCsv(csv);
    const header = records[0]!.map((h) => h.trim());
    const idColumn = header.includes('licenseKey') ? 'licenseKey' : header.includes('licenseId') ? 'licenseId' : null;
    if (!idColumn) throw fieldError('file', 'needs a licenseKey (or licenseId) column to say which license each row is about');
    const fields = await fieldsByName(this.deps.store.db, accountId);
    const columns = header.map((name, i) => ({ name, i })).filter((c) => c.name !== idColumn);
    const unknown = columns.filter((c) => !fields.has(c.name));
    if (unknown.length > 0) throw validationFailed(unknown.map((c) => ({ field: `columns.${c.name || c.i + 1}`, message: 'is not a custom field of this account' })));
    if (new Set(header).size !== header.length) throw fieldError('file', 'names a column twice');

    const report: TImportReport = { updated: 0, rejected: [] };
    for (let start = 1; start < records.length; start += CHUNK_ROWS) {
      const chunk = records.slice(start, start + CHUNK_ROWS);
      const rows = await this.readChunk(accountId, chunk, start, header.indexOf(idColumn), idColumn, columns, fields);
      const valid = rows.filter((r) => r.errors.length === 0);
      await this.deps.store.transaction(async (tx) => {
        for (const r of valid) await this.deps.values.apply(tx, ctx, { licenseId: r.license!.id, ownerAccountId: accountId, access }, r.changes, 'import');
      });
      report.updated += valid.length;
      for (const r of rows) if (r.errors.length > 0) report.rejected.push({ row: r.row, errors: r.errors });
    }
    return report;
  }

  private async readChunk(
    accountId: string,
    chunk: string[][],
    firstIndex: number,
    idIndex: number,
    idColumn: 'licenseKey' | 'licenseId',
    columns: { name: string; i: number }[],
    fields: Awaited<ReturnType<typeof fieldsByName>>,
  ): Promise<ReadRow[]> {
    const wanted = chunk.map((cells) => {
      const typed = (cells[idIndex] ?? '').trim();
      if (idColumn === 'licenseId') return { id: typed, error: typed ? null : 'is empty' };
      const key = parseLicenseKey(typed, { field: 'licenseKey' });
      return key.ok ? { id: key.value, error: null } : { id: '', error: key.message };
    });
    const ids = wanted.filter((w) => w.id).map((w) => w.id);
    const found = idColumn === 'licenseKey' ? await licenseLookupsRepository.findLicensesByKeys(this.deps.store.db, ids) : await licenseLookupsRepository.findLicensesByIds(this.deps.store.db, ids);
    const byId = new Map(found.filter((l) => l.account_id === accountId).map((l) => [idColumn === 'licenseKey' ? l.license_key : l.id, l]));

    return chunk.map((cells, k) => {
      const errors: TErrorDetail[] = [];
      const w = wanted[k]!;
      const license = w.id ? byId.get(w.id) ?? null : null;
      if (w.error) errors.push({ field: idColumn, message: w.error.replace(/^licenseKey: /, '') });
      else if (!license) errors.push({ field: idColumn, message: 'no such license in this account' });
      const given: Record<string, CustomValueInput> = {};
      for (const c of columns) if ((cells[c.i] ?? '').trim() !== '') given[c.name] = cells[c.i]!;
      const read = tryReadValues(fields, given, 'values');
      errors.push(...read.errors.map((e) => ({ field: e.field.replace(/^values\./, ''), message: e.message })));
      return { row: firstIndex + k + 1, license, changes: read.changes, errors };
    });
  }
}

function readCsv(csv: string): string[][] {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (error) {
    throw fieldError('file', `is not readable CSV: ${(error as Error).message}`);
  }
  if (records.length === 0) throw fieldError('file', 'is empty');
  if (records.length - 1 > MAX_IMPORT_ROWS) throw fieldError('file', `has more than ${MAX_IMPORT_ROWS} rows; split it`);
  return records;
}
