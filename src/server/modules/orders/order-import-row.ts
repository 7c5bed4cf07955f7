import { ZSku } from '../../../contracts/catalog.js';
import type { TErrorDetail } from '../../../contracts/errors.js';
import { ORDER_IMPORT_COLUMNS, type TMaintenanceTerm } from '../../../contracts/orders.js';
import { fieldError } from '../../http/app-error.js';
import { isCalendarDate } from './order-plan.js';

/** One CSV row read into an order of one line (docs/orders-import.md). */
export interface ImportRow {
  row: number;
  reference: string;
  accountId: string;
  partnerAccountId: string | null;
  productSku: string;
  quantity: number;
  maintenance: TMaintenanceTerm | null;
  keyOnCertificate: boolean;
}

export type ImportColumn = (typeof ORDER_IMPORT_COLUMNS)[number];

const REQUIRED: readonly ImportColumn[] = ['reference', 'accountId', 'productSku', 'quantity'];
const BOOLEAN: Record<string, boolean> = { '': false, '0': false, false: false, no: false, '1': true, true: true, yes: true };

/**
 * Reads the header: every column named in the docs, in any order; an unknown or missing one
 * refuses the whole file before any row is read (a shifted column would import nonsense).
 */
export function readHeader(header: string[]): Map<ImportColumn, number> {
  const index = new Map<ImportColumn, number>();
  header.forEach((name, i) => {
    const column = ORDER_IMPORT_COLUMNS.find((c) => c.toLowerCase() === name.trim().toLowerCase());
    if (!column) throw fieldError('body', `unknown column "${name}"; the columns are ${ORDER_IMPORT_COLUMNS.join(', ')}`);
    if (index.has(column)) throw fieldError('body', `the column ${column} appears twice`);
    index.set(column, i);
  });
  const missing = ORDER_IMPORT_COLUMNS.filter((c) => !index.has(c));
  if (missing.length) throw fieldError('body', `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; the first row names the columns`);
  return index;
}

/** One row's values, checked for shape only (existence of accounts and products comes later). */
export function readRow(cells: string[], row: number, header: Map<ImportColumn, number>): ImportRow | { row: number; errors: TErrorDetail[] } {
  if (cells.length !== header.size) return { row, errors: [{ field: 'row', message: `has ${cells.length} fields, the header ${header.size}` }] };
  const value = (c: ImportColumn) => (cells[header.get(c)!] ?? '').trim();
  const errors: TErrorDetail[] = [];
  const fault = (field: string, message: string) => errors.push({ field, message });

  for (const c of REQUIRED) if (!value(c)) fault(c, 'is required');
  if (value('reference').length > 100) fault('reference', 'at most 100 characters');
  const sku = ZSku.safeParse(value('productSku'));
  if (value('productSku') && !sku.success) fault('productSku', sku.error.issues[0]?.message ?? 'is not a SKU');
  const quantityText = value('quantity');
  const quantity = Number(quantityText);
  if (quantityText && (!/^\d+$/.test(quantityText) || quantity < 1 || quantity > 1_000_000)) fault('quantity', 'must be a whole number from 1 to 1000000');

  const startsAt = value('maintenanceStartsAt');
  const endsAt = value('maintenanceEndsAt');
  if (startsAt && !isCalendarDate(startsAt)) fault('maintenanceStartsAt', 'must be a date YYYY-MM-DD');
  if (endsAt && !isCalendarDate(endsAt)) fault('maintenanceEndsAt', 'must be a date YYYY-MM-DD');
  if (Boolean(startsAt) !== Boolean(endsAt)) fault(startsAt ? 'maintenanceEndsAt' : 'maintenanceStartsAt', 'a maintenance term needs both its start and end date');

  const keyOnCertificate = BOOLEAN[value('keyOnCertificate').toLowerCase()];
  if (keyOnCertificate === undefined) fault('keyOnCertificate', 'must be true or false (or empty)');

  if (errors.length) return { row, errors };
  return {
    row,
    reference: value('reference'),
    accountId: value('accountId'),
    partnerAccountId: value('partnerAccountId') || null,
    productSku: sku.data!,
    quantity,
    maintenance: startsAt && endsAt ? { startsAt, endsAt } : null,
    keyOnCertificate: keyOnCertificate!,
  };
}
