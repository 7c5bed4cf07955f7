import {
  effectiveSort,
  fieldFiltersOf,
  type TLicenseFilterQuery,
  type TLicenseList,
  type TLicenseListItem,
  type TLicenseListQuery,
  type TLicenseSummary,
} from '../../../contracts/license-management.js';
import type { Db } from '../../db/database.js';
import type { Store } from '../../db/store.js';
import { fieldError } from '../../http/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { RequestContext } from '../auth/actor.js';
import { authorize } from '../auth/authorize.js';
import { customFieldsRepository } from './custom-fields.repository.js';
import { fieldDefinitionOf } from './custom-fields.service.js';
import { readCustomValue, shownValue, type FieldDefinition } from './custom-value-rules.js';
import { decodeCursor, encodeCursor } from './license-cursor.js';
import { licenseDetailsRepository, type ListedLicenseRow, type ListedValueRow, type ShareMarkRow } from './license-details.repository.js';
import { licenseListRepository, type ExportPlan, type ListedKey, type ListPlan, type ListSort } from './license-list.repository.js';
import { licenseLookupsRepository } from './license-lookups.repository.js';
import { calendarOf, licenseStatus, maintenanceStateOn, todayOf, type Calendar } from './license-status.js';
import { searchTermsOf } from './search-terms.js';

export type LicenseFilterQuery = TLicenseFilterQuery;

/**
 * A prefix matching this many licenses or more is cheaper to check while reading the list in
 * order than to read whole and sort.
 */
const WIDE_PREFIX = 1000;

/**
 * Manage My Licenses' list (SPEC §7): the account's own licenses and those shared with the
 * signed-in user, filtered, searched, sorted, in keyset pages.
 */
export class LicenseListService {
  constructor(private readonly deps: { store: Store; clock: Clock }) {}

  async list(ctx: RequestContext, accountId: string, query: TLicenseListQuery): Promise<TLicenseList> {
    authorize(ctx.actor, 'account.read', accountId);
    const { db } = this.deps.store;
    const { limit } = query;
    const { plan } = await this.planOf(db, ctx, accountId, query, query.cursor, limit + 1);
    const keys = plan ? await licenseListRepository.pageOfKeys(db, plan) : [];
    const shown = keys.slice(0, limit);
    const items = await this.itemsOf(db, ctx, accountId, shown);
    const last = shown[shown.length - 1];
    const nextCursor = keys.length > limit && last ? encodeCursor({ sort: effectiveSort(query), phase: last.phase, key: last.sk, id: last.id }) : null;
    return { items, nextCursor };
  }

  /**
   * The export's reading of a list request, resolved once: the plan its batches are read with
   * (null when nothing can match) and the account's fields, the CSV's last columns.
   */
  async exportPlan(ctx: RequestContext, accountId: string, query: LicenseFilterQuery, batchRows: number): Promise<{ plan: ExportPlan | null; fields: FieldDefinition[] }> {
    authorize(ctx.actor, 'account.read', accountId);
    const { plan, fields } = await this.planOf(this.deps.store.db, ctx, accountId, query, undefined, batchRows);
    return { plan: plan && { ...plan, withRows: { horizon: calendarOf(new Date(`${plan.today}T00:00:00Z`)).horizon, fieldIds: fields.map((f) => f.id) } }, fields };
  }

  /** Counts for the chart: by product and by expiry month, of the filtered list. */
  async summary(ctx: RequestContext, accountId: string, query: LicenseFilterQuery): Promise<TLicenseSummary> {
    authorize(ctx.actor, 'account.read', accountId);
    const { db } = this.deps.store;
    const { plan } = await this.planOf(db, ctx, accountId, { ...query, sort: '-issuedAt' }, undefined, 0);
    if (!plan) return { total: 0, byProduct: [], byExpiryMonth: [] };
    const counts = await licenseListRepository.summarize(db, plan);
    const total = counts.byProduct.reduce((n, r) => n + r.n, 0);
    return {
      total,
      byProduct: counts.byProduct.map((r) => ({ sku: r.sku, name: r.name, count: r.n })),
      byExpiryMonth: counts.byMonth.map((r) => ({ month: r.month ?? 'never', count: r.n })),
    };
  }

  /**
   * Resolves names to ids and reads the cursor; `plan` is null when nothing can match (an
   * unknown product). The lookups run side by side: on PostgreSQL each is a round trip.
   */
  private async planOf(db: Db, ctx: RequestContext, accountId: string, query: LicenseFilterQuery, cursor: string | undefined, limit: number): Promise<{ plan: ListPlan | null; fields: FieldDefinition[] }> {
    const [fieldRows, productIds, search] = await Promise.all([
      customFieldsRepository.listFields(db, accountId),
      this.productIdsOf(db, query),
      query.q ? this.searchOf(db, accountId, query.q) : null,
    ]);
    const fields = fieldRows.map(fieldDefinitionOf);
    const byName = new Map(fields.map((f) => [f.name, f]));
    const fieldFilters: ListPlan['fieldFilters'] = [];
    for (const [name, value] of Object.entries(fieldFiltersOf(query))) {
      const field = byName.get(name);
      if (!field) throw fieldError(`field.${name}`, `there is no custom field named ${name} in this account`);
      const reading = readCustomValue({ ...field, required: false }, value);
      if (!reading.ok) throw fieldError(`field.${name}`, reading.message);
      if (!reading.stored) throw fieldError(`field.${name}`, 'give a value to filter by');
      fieldFilters.push({ fieldId: field.id, valueNorm: reading.stored.valueNorm });
    }
    const sort = sortOf(effectiveSort(query), byName);
    const after = cursor ? decodeCursor(cursor, effectiveSort(query)) : null;
    if (productIds?.length === 0) return { plan: null, fields };
    const plan: ListPlan = {
      dialect: this.deps.store.dialect,
      accountId,
      recipientUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      scope: query.shared === 'true' ? 'shared' : query.shared === 'false' ? 'own' : 'both',
      productIds,
      status: query.status ?? null,
      today: todayOf(this.deps.clock.now()),
      expiresAfter: query.expiresAfter ?? null,
      expiresBefore: query.expiresBefore ?? null,
      hostId: query.hostId ?? null,
      fieldFilters,
      search,
      sort,
      after,
      limit,
    };
    return { plan, fields };
  }

  /** The products a `product` (SKU) and `version` filter name; null when neither is given. */
  private async productIdsOf(db: Db, query: LicenseFilterQuery): Promise<string[] | null> {
    const [bySku, byVersion] = await Promise.all([
      query.product ? licenseLookupsRepository.productIdsBySku(db, query.product) : null,
      query.version ? licenseLookupsRepository.productIdsByVersion(db, query.version) : null,
    ]);
    if (bySku && byVersion) return bySku.filter((id) => byVersion.includes(id));
    return bySku ?? byVersion;
  }

  /** The search terms, the products they name, and how wide each prefix range is in this account. */
  private async searchOf(db: Db, accountId: string, q: string): Promise<NonNullable<ListPlan['search']>> {
    const terms = searchTermsOf(q);
    const [productIds, hosts, values] = await Promise.all([
      terms.text.length >= 2 ? licenseLookupsRepository.productIdsMatching(db, terms.text) : [],
      terms.hostPrefix ? licenseLookupsRepository.countHostPrefix(db, accountId, terms.hostPrefix, WIDE_PREFIX) : 0,
      terms.valuePrefix ? licenseLookupsRepository.countValuePrefix(db, accountId, terms.valuePrefix, WIDE_PREFIX) : 0,
    ]);
    return { ...terms, productIds, wide: { host: hosts >= WIDE_PREFIX, value: values >= WIDE_PREFIX } };
  }

  private async itemsOf(db: Db, ctx: RequestContext, accountId: string, keys: ListedKey[]): Promise<TLicenseListItem[]> {
    const ids = keys.map((k) => k.id);
    const [rows, values, marks] = await Promise.all([
      licenseDetailsRepository.licenses(db, ids),
      licenseDetailsRepository.values(db, ids),
      ctx.actor.kind === 'user' ? licenseDetailsRepository.shareMarks(db, ctx.actor.userId, ids) : Promise.resolve([]),
    ]);
    const calendar = calendarOf(this.deps.clock.now());
    const byId = new Map(rows.map((r) => [r.id, r]));
    const valuesOf = groupValues(values);
    const markOf = new Map(marks.map((m) => [m.license_id, m]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toListItem(row, valuesOf.get(id), row.account_id === accountId ? undefined : markOf.get(id), calendar)] : [];
    });
  }
}

function sortOf(sort: string, fields: Map<string, FieldDefinition>): ListSort {
  const dir = sort.startsWith('-') ? 'desc' : 'asc';
  const key = sort.replace(/^-/, '');
  if (key === 'issuedAt') return { kind: 'issued', dir };
  if (key === 'expiresAt') return { kind: 'expires', dir };
  if (key === 'hostId') return { kind: 'host', dir };
  const field = fields.get(key.slice('field.'.length));
  if (!field) throw fieldError('sort', `there is no custom field named ${key.slice('field.'.length)} in this account`);
  return { kind: 'field', dir, fieldId: field.id, numeric: field.type === 'number' };
}

function groupValues(values: ListedValueRow[]): Map<string, Record<string, string | number>> {
  const out = new Map<string, Record<string, string | number>>();
  for (const v of values) {
    let record = out.get(v.license_id);
    if (!record) out.set(v.license_id, (record = {}));
    record[v.name] = shownValue(v.type, v.value);
  }
  return out;
}

export function toListItem(row: ListedLicenseRow, values: Record<string, string | number> | undefined, mark: ShareMarkRow | undefined, calendar: Calendar): TLicenseListItem {
  return {
    id: row.id,
    licenseKey: row.license_key,
    product: { sku: row.sku, name: row.product_name, version: row.version },
    quantity: row.quantity,
    hostId: row.host_id,
    serialNumber: row.serial_number,
    status: licenseStatus(row, calendar.today),
    issuedAt: row.issued_at,
    notBefore: row.not_before,
    expiresAt: row.expires_at,
    maintenanceEndsAt: row.maintenance_ends_at,
    maintenance: maintenanceStateOn(row.maintenance_ends_at, calendar),
    customFields: values ?? {},
    shared: mark ? { permission: mark.permission, fromAccount: { id: mark.owner_account_id, name: mark.owner_name } } : null,
  };
}
