import { sql, type RawBuilder } from 'kysely';
import type { TListedLicenseStatus } from '../../../contracts/license-management.js';
import type { Db, Dialect } from '../../db/database.js';
import type { ListCursor } from './license-cursor.js';
import { EXPORTED, exportedColumns, exportedJoin, exportedRows, type ExportedRow } from './license-export.repository.js';
import { prefixEnd, type SearchTerms } from './search-terms.js';

export type SortDirection = 'asc' | 'desc';

/** `issued` is the id order (ids are time-ordered at issue); the others are a key, then the id. */
export type ListSort =
  | { kind: 'issued'; dir: SortDirection }
  | { kind: 'expires'; dir: SortDirection }
  | { kind: 'host'; dir: SortDirection }
  | { kind: 'field'; dir: SortDirection; fieldId: string; numeric: boolean };

/** A list request, resolved: product SKUs and field names are ids already. */
export interface ListPlan {
  dialect: Dialect;
  accountId: string;
  /** The signed-in user whose shares join the list; null for API tokens. */
  recipientUserId: string | null;
  scope: 'own' | 'shared' | 'both';
  /** null: any product; an empty list matches nothing. */
  productIds: string[] | null;
  status: TListedLicenseStatus | null;
  /** Today, `YYYY-MM-DD`: expiry dates are the last day a license is valid. */
  today: string;
  expiresAfter: string | null;
  expiresBefore: string | null;
  hostId: string | null;
  fieldFilters: { fieldId: string; valueNorm: string }[];
  search: (SearchTerms & { productIds: string[]; wide: WidePrefixes }) | null;
  sort: ListSort;
  after: ListCursor | null;
  /** Rows to fetch: one more than a page, to tell whether another page exists. */
  limit: number;
  /**
   * Read each license's exported cells with its key (the CSV export), not only its id; `horizon`
   * is the last day of the `expiring` maintenance window, `fieldIds` the account's fields in the
   * order of the CSV's columns.
   */
  withRows?: { horizon: string; fieldIds: string[] };
}

/**
 * Which prefix ranges of a search hold many licenses of the account (counted up to a cap before
 * planning). A narrow range is read whole and sorted; a wide one is checked while the list is
 * read in its own order, where it soon finds a page.
 */
export interface WidePrefixes {
  host: boolean;
  /** Values that start with the query without being equal to it. */
  value: boolean;
}

export type ExportPlan = ListPlan & Required<Pick<ListPlan, 'withRows'>>;

export interface ListedKey {
  id: string;
  sk: string | number | null;
  phase: ListCursor['phase'];
}

type Cond = RawBuilder<unknown>;
type Scope = 'own' | 'shared';

/** Beyond this many sub-queries a union costs more than it saves. */
const MAX_BRANCHES = 64;

// The sort expressions match the expression indexes of migration 0200 exactly.
const NEVER = '9999-12-31';
const EXPIRES_KEY = sql`coalesce(l.expires_at, '9999-12-31')`;
const HOST_KEY = sql`coalesce(l.host_id, '')`;

/**
 * The license list's SQL: one keyset page of ids in `(sort key, id)` order.
 *
 * Each request becomes one or more *branches*: the account's own licenses, the ones shared with
 * the user, and, for a search, one branch per kind of match (key, serial, host ID, custom value,
 * product). Every branch is an index range that the database reads in sort order and stops after
 * `limit` rows; several branches are merged by a UNION of those short, sorted reads. That keeps a
 * page at a few index probes whether the account holds a hundred licenses or a million.
 */
export const licenseListRepository = {
  /**
   * `pageOfKeys` with each license's cells (`plan.withRows`): a batch of the export, and the
   * cursor after it (null after the last batch).
   */
  async pageOfRows(db: Db, plan: ExportPlan): Promise<{ rows: ExportedRow[]; after: ListCursor | null }> {
    const phases = (await phasesOf(db, plan)) as Phase<ExportedRow>[];
    const rows = phases.length === 1 ? phases[0]!.rows : phases.flatMap((p) => p.rows);
    const last = rows[rows.length - 1];
    const phase = phases.findLast((p) => p.rows.length > 0)?.phase ?? 'value';
    return { rows, after: last && rows.length >= plan.limit ? { sort: '', phase, key: last[EXPORTED.sk], id: last[EXPORTED.id] } : null };
  },

  async pageOfKeys(db: Db, plan: ListPlan): Promise<ListedKey[]> {
    const phases = (await phasesOf(db, plan)) as Phase<Omit<ListedKey, 'phase'>>[];
    return phases.flatMap((p) => withPhase(p.rows, p.phase));
  },

  /** Counts of the whole filtered list, by product and by expiry month (`null`: never expires). */
  async summarize(db: Db, plan: ListPlan): Promise<{ byProduct: { sku: string; name: string; n: number }[]; byMonth: { month: string | null; n: number }[] }> {
    if (plan.productIds?.length === 0) return { byProduct: [], byMonth: [] };
    // Sorted by expiry so that no branch is split per product: here each is read whole once.
    const branches = branchesOf({ ...plan, sort: { kind: 'expires', dir: 'asc' } });
    if (branches.length === 0) return { byProduct: [], byMonth: [] };
    const sets = branches.map((b) => sql`select l.id, l.product_id, ${EXPIRES_KEY} as ex from licenses l where ${sql.join(conditionsOf(b, plan), sql` and `)}`);
    const source = sets.length === 1 ? sets[0]! : sql.join(sets, sql` union `);
    // One pass over the list, counted by product and month together, then folded both ways here.
    const { rows } = await sql<{ sku: string; name: string; month: string; n: number }>`select p.sku, p.name, c.month, c.n from
      (select m.product_id, substr(m.ex, 1, 7) as month, count(*) as n from (${source}) as m group by m.product_id, substr(m.ex, 1, 7)) as c
      join products p on p.id = c.product_id`.execute(db);
    const products = new Map<string, { sku: string; name: string; n: number }>();
    const months = new Map<string, number>();
    for (const r of rows) {
      const n = Number(r.n);
      const product = products.get(r.sku);
      if (product) product.n += n;
      else products.set(r.sku, { sku: r.sku, name: r.name, n });
      months.set(r.month, (months.get(r.month) ?? 0) + n);
    }
    return {
      byProduct: [...products.values()].sort((a, b) => b.n - a.n || (a.sku < b.sku ? -1 : 1)),
      byMonth: [...months.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, n]) => ({ month: month === NEVER_MONTH ? null : month, n })),
    };
  },
};

const NEVER_MONTH = '9999-12';

/** Marks rows in place: a page's rows are many, and copying each costs more than reading it. */
function withPhase(rows: Omit<ListedKey, 'phase'>[], phase: ListedKey['phase']): ListedKey[] {
  for (const row of rows) (row as ListedKey).phase = phase;
  return rows as ListedKey[];
}

interface Phase<R> {
  phase: ListedKey['phase'];
  rows: R[];
}

/** One page, read phase by phase: a custom-field sort lists the licenses holding a value, then those without one. */
async function phasesOf(db: Db, plan: ListPlan): Promise<Phase<unknown>[]> {
  if (plan.productIds?.length === 0) return [];
  if (plan.sort.kind !== 'field') return [{ phase: 'value', rows: await run(db, branchesOf(plan), plan.sort, plan, 'main', plan.after) }];
  const phases: Phase<unknown>[] = [];
  let read = 0;
  if (!plan.after || plan.after.phase === 'value') {
    const valued = await run(db, branchesOf(plan).filter((b) => b.scope === 'own'), plan.sort, plan, 'value', plan.after);
    phases.push({ phase: 'value', rows: valued });
    read = valued.length;
  }
  if (read < plan.limit) {
    const after = plan.after?.phase === 'empty' ? plan.after : null;
    phases.push({ phase: 'empty', rows: await run(db, branchesOf(plan), plan.sort, { ...plan, limit: plan.limit - read }, 'empty', after) });
  }
  return phases;
}

interface Branch {
  scope: Scope;
  conds: Cond[];
  /**
   * A condition on custom values (`fv0`) whose index lists its licenses in id order: for the id
   * order, reading that index is reading the answer, however many licenses hold the value.
   */
  driver: { match: Cond; distinct: boolean } | null;
  /** `product_id in (…)`, kept apart so that it can be split into one branch per product. */
  products: string[] | null;
  /** What the conditions filter on, to name the index that serves them (see `indexOf`). */
  filters: Filter[];
}

/** `rowCheck`: a search condition checked on each license read in the list's order, whatever the index. */
type Filter = 'product' | 'products' | 'status' | 'expires' | 'host' | 'field' | 'search' | 'rowCheck';

function branchesOf(plan: ListPlan): Branch[] {
  // Custom fields are the account's own: a license shared from elsewhere holds none of its values.
  const sharedToo = plan.recipientUserId !== null && plan.fieldFilters.length === 0;
  const scopes: Scope[] = plan.scope === 'both' ? (sharedToo ? ['own', 'shared'] : ['own']) : plan.scope === 'shared' ? (sharedToo ? ['shared'] : []) : ['own'];
  const branches: Branch[] = [];
  for (const scope of scopes) {
    if (!plan.search) {
      const f = scope === 'own' && plan.sort.kind === 'issued' ? plan.fieldFilters[0] : undefined;
      const driver = f ? { match: sql`fv0.field_id = ${f.fieldId} and fv0.value_norm = ${f.valueNorm}`, distinct: false } : null;
      branches.push({ scope, conds: commonConditions(plan, driver !== null), driver, products: plan.productIds, filters: commonFilters(plan) });
      continue;
    }
    const common = commonConditions(plan, false);
    const filters = commonFilters(plan);
    for (const alt of searchAlternatives(plan, scope)) {
      const products = alt.products ? intersect(plan.productIds, alt.products) : plan.productIds;
      const driver = alt.driver && plan.sort.kind === 'issued' ? alt.driver : null;
      const conds = alt.driver && !driver ? [...common, alt.driver.fallback] : [...common, ...alt.conds];
      const searched: Filter[] = conds.length > common.length ? [alt.rowCheck ? 'rowCheck' : 'search'] : [];
      if (products?.length !== 0) branches.push({ scope, conds, driver: driver ? { match: driver.match, distinct: true } : null, products, filters: [...filters, ...searched] });
    }
  }
  return expandProducts(plan, branches);
}

function intersect(filter: string[] | null, found: string[]): string[] {
  return filter ? found.filter((id) => filter.includes(id)) : found;
}

function commonFilters(plan: ListPlan): Filter[] {
  const filters: Filter[] = [];
  if (plan.status) filters.push('status');
  if (plan.expiresAfter || plan.expiresBefore) filters.push('expires');
  if (plan.hostId) filters.push('host');
  if (plan.fieldFilters.length > 0) filters.push('field');
  return filters;
}

function commonConditions(plan: ListPlan, skipFieldFilter: boolean): Cond[] {
  const conds: Cond[] = [];
  if (plan.status) conds.push(statusCondition(plan.status, plan.today));
  // Perpetual licenses sort as 9999-12-31: bounding the range below it leaves them out and
  // keeps the condition on the indexed expression alone (no read of the row).
  if (plan.expiresAfter) conds.push(sql`${EXPIRES_KEY} >= ${plan.expiresAfter} and ${EXPIRES_KEY} < ${NEVER}`);
  if (plan.expiresBefore) conds.push(sql`${EXPIRES_KEY} < ${plan.expiresBefore}`);
  if (plan.hostId) conds.push(sql`${HOST_KEY} = ${plan.hostId}`);
  plan.fieldFilters.forEach((f, i) => {
    if (i === 0 && skipFieldFilter) return;
    conds.push(sql`l.id in (select fv.license_id from custom_field_values fv where fv.field_id = ${f.fieldId} and fv.value_norm = ${f.valueNorm})`);
  });
  return conds;
}

/**
 * The stored state and the expiry date, as `licenseStatus()` reads them. The date is compared
 * through the expiry index's expression, so that an expiry-ordered list reads a range of it.
 */
export function statusCondition(status: TListedLicenseStatus, today: string): Cond {
  switch (status) {
    case 'active':
      return sql`l.status = 'active' and ${EXPIRES_KEY} >= ${today}`;
    case 'expired':
      return sql`l.status = 'active' and ${EXPIRES_KEY} < ${today}`;
    default:
      return sql`l.status = ${status}`;
  }
}

/**
 * One condition per way a query can match. For the account's own licenses each is an index
 * range the planner can drive from; shared licenses are few, so they are probed one by one.
 */
interface Alternative {
  conds: Cond[];
  products: string[] | null;
  /** Read from the custom value index in id order; `fallback` says the same for other orders. */
  driver?: { match: Cond; fallback: Cond };
  /** A wide prefix, checked on each license while the list is read in its order. */
  rowCheck?: boolean;
}

function searchAlternatives(plan: ListPlan, scope: Scope): Alternative[] {
  const s = plan.search!;
  const own = scope === 'own';
  const alts: Cond[] = [];
  let wideHost: Cond | null = null;
  if (s.keyPrefix) {
    // Through a sub-query, so that SQLite reads the key range (a handful of licenses) rather than
    // the whole account in id order looking for it.
    alts.push(
      own
        ? sql`l.id in (select k.id from licenses k where k.license_key >= ${s.keyPrefix} and k.license_key < ${prefixEnd(s.keyPrefix)})`
        : sql`l.license_key >= ${s.keyPrefix} and l.license_key < ${prefixEnd(s.keyPrefix)}`,
    );
  }
  if (s.serialPrefix) {
    alts.push(
      own
        ? sql`l.entitlement_id in (select e.id from entitlements e where e.account_id = ${plan.accountId} and e.serial_number >= ${s.serialPrefix} and e.serial_number < ${prefixEnd(s.serialPrefix)})`
        : sql`exists (select 1 from entitlements e where e.id = l.entitlement_id and e.serial_number >= ${s.serialPrefix} and e.serial_number < ${prefixEnd(s.serialPrefix)})`,
    );
  }
  if (s.hostPrefix) {
    // `|| ''` hides the indexed expression from the planner: a wide range is checked row by row.
    const host = own && s.wide.host ? sql`${HOST_KEY} || ''` : HOST_KEY;
    alts.push(sql`${host} >= ${s.hostPrefix} and ${host} < ${prefixEnd(s.hostPrefix)}`);
    if (own && s.wide.host) wideHost = alts[alts.length - 1]!;
  }
  const values: Alternative[] = [];
  if (s.valuePrefix && own) {
    // A whole value typed (the usual search: a cost center, an owner) is read from the index in
    // id order; values that merely start with it are a second range, checked row by row when wide.
    const { valuePrefix: v } = s;
    values.push({ conds: [], products: null, driver: { match: sql`fv0.account_id = ${plan.accountId} and fv0.value_norm = ${v}`, fallback: sql`l.id in (select sv.license_id from custom_field_values sv where sv.account_id = ${plan.accountId} and sv.value_norm = ${v})` } });
    values.push({
      conds: [
        s.wide.value
          ? sql`exists (select 1 from custom_field_values sv where sv.license_id = l.id and sv.value_norm > ${v} and sv.value_norm < ${prefixEnd(v)})`
          : sql`l.id in (select sv.license_id from custom_field_values sv where sv.account_id = ${plan.accountId} and sv.value_norm > ${v} and sv.value_norm < ${prefixEnd(v)})`,
      ],
      products: null,
      rowCheck: s.wide.value,
    });
  } else if (s.valuePrefix) {
    alts.push(sql`exists (select 1 from custom_field_values sv where sv.license_id = l.id and sv.value_norm >= ${s.valuePrefix} and sv.value_norm < ${prefixEnd(s.valuePrefix)})`);
  }
  const byProduct = s.productIds.length > 0 ? s.productIds : null;
  if (own) return [...alts.map((a) => ({ conds: [a], products: null, rowCheck: a === wideHost })), ...values, ...(byProduct ? [{ conds: [], products: byProduct }] : [])];
  if (byProduct) alts.push(sql`l.product_id in (${sql.join(byProduct)})`);
  return alts.length === 0 ? [] : [{ conds: [sql`(${sql.join(alts.map((a) => sql`(${a})`), sql` or `)})`], products: null }];
}

/**
 * In id order, `product_id in (a, b, c)` would read every license of those products and sort
 * them; one branch per product reads `limit` rows of each from (account, product, id) instead.
 */
function expandProducts(plan: ListPlan, branches: Branch[]): Branch[] {
  const splits = plan.sort.kind === 'issued' || plan.sort.kind === 'field';
  const total = branches.reduce((n, b) => n + (splits && b.products ? b.products.length : 1), 0);
  const split = splits && total <= MAX_BRANCHES;
  return branches.flatMap((b) => {
    if (!b.products) return [b];
    if (split && b.products.length > 1 && !b.driver) return b.products.map((id) => ({ ...b, conds: [...b.conds, sql`l.product_id = ${id}`], products: null, filters: [...b.filters, 'product' as const] }));
    const filter: Filter = b.products.length === 1 ? 'product' : 'products';
    return [{ ...b, conds: [...b.conds, sql`l.product_id in (${sql.join(b.products)})`], products: null, filters: [...b.filters, filter] }];
  });
}

/** The keys of a page as objects; for the export (`withRows`), its rows as `ExportedRow` arrays. */
async function run(db: Db, branches: Branch[], sort: ListSort, plan: ListPlan, phase: 'main' | 'value' | 'empty', after: ListCursor | null): Promise<unknown[]> {
  if (branches.length === 0) return [];
  const dir = sql.raw(sort.dir);
  const parts = branches.map((b) => branchQuery(b, sort, plan, phase, after));
  const orderBy = phase === 'value' || (phase === 'main' && sort.kind !== 'issued') ? sql`sk ${dir}, id ${dir}` : sql`id ${dir}`;
  const query =
    parts.length === 1
      ? parts[0]!
      : sql`${sql.join(parts.map((p, i) => sql`select * from (${p}) as ${sql.raw(`b${i}`)}`), sql` union `)} order by ${orderBy} limit ${plan.limit}`;
  if (plan.withRows) return exportedRows(db, query);
  const { rows } = await query.execute(db);
  return rows;
}

function branchQuery(branch: Branch, sort: ListSort, plan: ListPlan, phase: 'main' | 'value' | 'empty', after: ListCursor | null): RawBuilder<unknown> {
  const dir = sql.raw(sort.dir);
  const cmp = sql.raw(sort.dir === 'asc' ? '>' : '<');
  const conds = conditionsOf(branch, plan);
  const cols = plan.withRows ? exportedColumns(plan as ExportPlan) : sql``;
  const join = plan.withRows ? exportedJoin(plan as ExportPlan) : sql``;

  if (phase === 'value' && sort.kind === 'field') {
    const col = sql.raw(sort.numeric ? 'v.value_number' : 'v.value_norm');
    if (after) conds.push(sql`(${col}, v.license_id) ${cmp} (${after.key}, ${after.id})`);
    // CROSS JOIN keeps SQLite reading the value index in order; a large account would
    // otherwise be read whole and sorted (PostgreSQL plans joins on its own either way).
    return sql`select l.id as id, ${col} as sk${cols} from custom_field_values v cross join licenses l${join}
      where l.id = v.license_id and v.field_id = ${sort.fieldId} and ${sql.join(conds, sql` and `)}
      order by ${col} ${dir}, v.license_id ${dir} limit ${plan.limit}`;
  }
  if (phase === 'empty' && sort.kind === 'field') {
    conds.push(sql`not exists (select 1 from custom_field_values v where v.license_id = l.id and v.field_id = ${sort.fieldId})`);
  }
  if (phase !== 'main' || sort.kind === 'issued') {
    if (branch.driver) {
      if (after) conds.push(sql`fv0.license_id ${cmp} ${after.id}`);
      const distinct = sql.raw(branch.driver.distinct ? 'distinct ' : '');
      return sql`select ${distinct}fv0.license_id as id, null as sk${cols} from custom_field_values fv0 cross join licenses l${join}
        where l.id = fv0.license_id and ${branch.driver.match} and ${sql.join(conds, sql` and `)}
        order by fv0.license_id ${dir} limit ${plan.limit}`;
    }
    if (after) conds.push(sql`l.id ${cmp} ${after.id}`);
    return sql`select l.id as id, null as sk${cols} from licenses l${indexHint(plan, branch, 'id')}${join} where ${sql.join(conds, sql` and `)} order by l.id ${dir} limit ${plan.limit}`;
  }
  const order = sort.kind === 'expires' ? 'expires' : 'host';
  const key = order === 'expires' ? EXPIRES_KEY : HOST_KEY;
  if (after) conds.push(sql`(${key}, l.id) ${cmp} (${after.key}, ${after.id})`);
  return sql`select l.id as id, ${key} as sk${cols} from licenses l${indexHint(plan, branch, order)}${join} where ${sql.join(conds, sql` and `)} order by ${key} ${dir}, l.id ${dir} limit ${plan.limit}`;
}

function conditionsOf(branch: Branch, plan: ListPlan): Cond[] {
  return [branch.scope === 'own' ? sql`l.account_id = ${plan.accountId}` : sharedScope(plan), ...branch.conds];
}

function sharedScope(plan: ListPlan): Cond {
  return sql`l.id in (select ls.license_id from license_shares ls where ls.recipient_user_id = ${plan.recipientUserId}) and l.account_id <> ${plan.accountId}`;
}

/**
 * The index that reads a branch of the account's own licenses in its order, when its filters are
 * ones that index holds (a single filter, as the list is mostly used). SQLite needs to be told:
 * with statistics of one account holding 900,000 of a million licenses, it judged the account's
 * indexes too costly and took a skip-scan of another index, sorting the whole account for one
 * page. PostgreSQL weighs the LIMIT and finds these on its own.
 */
function indexOf(branch: Branch, order: 'id' | 'expires' | 'host'): string | null {
  if (branch.scope !== 'own') return null;
  const only = (allowed: Filter[]) => branch.filters.every((f) => allowed.includes(f));
  const [single, ...more] = branch.filters.filter((f) => f !== 'rowCheck');
  if (order === 'expires') return only(['expires', 'status', 'product', 'products', 'rowCheck']) ? 'licenses_mm_expires' : null;
  if (order === 'host') return only(['host', 'status', 'product', 'products', 'rowCheck']) ? 'licenses_mm_host' : null;
  if (more.length > 0) return null;
  switch (single) {
    case undefined:
      return 'licenses_account';
    case 'product':
      return 'licenses_mm_product';
    case 'status':
      return 'licenses_mm_status';
    case 'host':
      return 'licenses_mm_host';
    default:
      return null;
  }
}

function indexHint(plan: ListPlan, branch: Branch, order: 'id' | 'expires' | 'host'): RawBuilder<unknown> {
  const index = plan.dialect === 'sqlite' ? indexOf(branch, order) : null;
  return index ? sql.raw(` indexed by ${index}`) : sql``;
}
