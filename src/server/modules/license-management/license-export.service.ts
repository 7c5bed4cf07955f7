import { Readable } from 'node:stream';
import type { TLicenseListItem } from '../../../contracts/license-management.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { csvLine } from './csv-cells.js';
import type { FieldDefinition } from './custom-value-rules.js';
import type { LicenseFilterQuery, LicenseListService, ListedPage } from './license-list.service.js';

/** Rows read per query: large enough for throughput, small enough that memory stays flat. */
export const EXPORT_PAGE_ROWS = 2000;

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
 * The filtered list as CSV (SPEC §7), streamed: the list is walked page by page with its keyset
 * cursor and each page is written as the client reads, so a million rows take the memory of one
 * page. Custom fields are columns named like the fields, so the file imports back as it is.
 */
export class LicenseExportService {
  constructor(private readonly deps: { list: LicenseListService }) {}

  /** Authorizes and reads the first page before the first byte, so that a refusal is an ordinary error answer. */
  async csv(ctx: RequestContext, accountId: string, query: LicenseFilterQuery): Promise<Readable> {
    authorize(ctx.actor, 'account.read', accountId);
    const first = await this.deps.list.readPage(ctx, accountId, query, undefined, EXPORT_PAGE_ROWS);
    return Readable.from(this.lines(ctx, accountId, query, first), { objectMode: false, highWaterMark: 64 * 1024 });
  }

  private async *lines(ctx: RequestContext, accountId: string, query: LicenseFilterQuery, first: ListedPage): AsyncGenerator<string> {
    const { fields } = first;
    yield csvLine([...COLUMNS, ...fields.map((f) => f.name)]);
    let page: ListedPage | null = first;
    while (page) {
      let chunk = '';
      for (const item of page.items) chunk += csvLine(rowOf(item, fields));
      if (chunk) yield chunk;
      page = page.nextCursor ? await this.deps.list.readPage(ctx, accountId, query, page.nextCursor, EXPORT_PAGE_ROWS) : null;
    }
  }
}

function rowOf(item: TLicenseListItem, fields: FieldDefinition[]): (string | number | null)[] {
  return [
    item.id,
    item.licenseKey,
    item.product.sku,
    item.product.name,
    item.product.version,
    item.quantity,
    item.status,
    item.hostId,
    item.serialNumber,
    item.issuedAt,
    item.notBefore,
    item.expiresAt,
    item.maintenanceEndsAt,
    item.maintenance,
    item.shared?.fromAccount.name ?? null,
    item.shared?.permission ?? null,
    ...fields.map((f) => item.customFields[f.name] ?? null),
  ];
}
