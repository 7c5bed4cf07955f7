import { z } from 'zod';
import { ZCalendarDate, ZEmail, ZIdParam, ZPageQuery, ZTimestamp, page } from './common.js';
import { ZLicenseParams } from './licenses.js';

/**
 * Manage My Licenses (SPEC §7): the license list with its filters, shares, custom user-defined
 * data, saved views and the CSV export/import.
 */

/** The status a person reads, derived from the stored state and the expiry date. */
export const ZListedLicenseStatus = z.enum(['active', 'expired', 'revoked', 'retired']);
export type TListedLicenseStatus = z.infer<typeof ZListedLicenseStatus>;

/** The license's maintenance as of today: `expiring` is 90 days or fewer before its end. */
export const ZMaintenanceState = z.enum(['none', 'active', 'expiring', 'expired']);
export type TMaintenanceState = z.infer<typeof ZMaintenanceState>;

export const ZSharePermission = z.enum(['view', 'manage']);
export type TSharePermission = z.infer<typeof ZSharePermission>;

/**
 * Sort keys; a leading `-` sorts descending; `field.<name>` sorts by a custom field (empty values
 * last). Without one, the list follows its filter: `status=expired` lists the most recently
 * expired first (`-expiresAt`), an expiry range the soonest first (`expiresAt`), anything else the
 * newest license first (`-issuedAt`).
 */
export const ZLicenseSort = z
  .string()
  .regex(/^-?(issuedAt|expiresAt|hostId|field\.[a-z][a-z0-9_]{0,39})$/, 'must be issuedAt, expiresAt, hostId or field.<name>, with - for descending')
  .optional();

/** The order a list query is read in: its `sort`, or the one its filter implies. */
export function effectiveSort(query: { sort?: string | undefined; status?: string | undefined; expiresAfter?: string | undefined; expiresBefore?: string | undefined }): string {
  if (query.sort) return query.sort;
  if (query.status === 'expired') return '-expiresAt';
  if (query.expiresAfter || query.expiresBefore) return 'expiresAt';
  return '-issuedAt';
}

/** The list's filters, shared by the list, the summary and the CSV export. */
export const ZLicenseFilters = z.object({
  q: z.string().trim().max(200).optional().describe('matches the start of a license key, serial number, host ID or custom value, or a word of the product'),
  product: z.string().trim().min(1).max(100).optional().describe('product SKU'),
  version: z.string().trim().min(1).max(50).optional(),
  status: ZListedLicenseStatus.optional(),
  expiresAfter: ZCalendarDate.optional().describe('expires on or after this date'),
  expiresBefore: ZCalendarDate.optional().describe('expires before this date'),
  hostId: z.string().trim().min(1).max(200).optional(),
  shared: z.enum(['true', 'false']).optional().describe('true: only licenses shared with me; false: only the account’s own'),
  sort: ZLicenseSort,
});

const FIELD_PARAM = /^field\.[a-z][a-z0-9_]{0,39}$/;
const KNOWN_PARAMS = new Set([...Object.keys(ZLicenseFilters.shape), 'cursor', 'limit']);

/** `field.<name>=value` filters ride along as extra query parameters; anything else unknown is refused. */
export const ZLicenseListQuery = ZLicenseFilters.extend(ZPageQuery.shape)
  .catchall(z.string().max(200))
  .superRefine((query, ctx) => {
    for (const key of Object.keys(query)) {
      if (!KNOWN_PARAMS.has(key) && !FIELD_PARAM.test(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'unknown filter' });
    }
  });
/** The filters, sort and `field.<name>` filters, without paging (the summary and the export take these). */
export type TLicenseFilterQuery = z.infer<typeof ZLicenseFilters> & { [field: `field.${string}`]: string };
export type TLicenseListQuery = TLicenseFilterQuery & z.infer<typeof ZPageQuery>;
export const ZLicenseExportQuery = ZLicenseListQuery;

/** Picks the `field.<name>` filters out of a parsed query. */
export function fieldFiltersOf(query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) if (FIELD_PARAM.test(key) && typeof value === 'string') out[key.slice('field.'.length)] = value;
  return out;
}

export const ZCustomValue = z.union([z.string(), z.number(), z.null()]);

export const ZLicenseListItem = z.object({
  id: z.string(),
  licenseKey: z.string(),
  product: z.object({ sku: z.string(), name: z.string(), version: z.string() }),
  quantity: z.number().int(),
  hostId: z.string().nullable(),
  serialNumber: z.string().nullable(),
  status: ZListedLicenseStatus,
  issuedAt: ZTimestamp,
  notBefore: ZTimestamp,
  expiresAt: ZCalendarDate.nullable().describe('the last day it is valid; null for perpetual licenses'),
  maintenanceEndsAt: ZCalendarDate.nullable(),
  maintenance: ZMaintenanceState,
  /** Values of the owning account's custom fields, by field name; numbers as numbers. */
  customFields: z.record(z.string(), ZCustomValue),
  /** Set when the license belongs to another account and was shared with the signed-in user. */
  shared: z.object({ permission: ZSharePermission, fromAccount: z.object({ id: z.string(), name: z.string() }) }).nullable(),
});
export type TLicenseListItem = z.infer<typeof ZLicenseListItem>;
export const ZLicenseList = page(ZLicenseListItem);
export type TLicenseList = z.infer<typeof ZLicenseList>;

export const ZLicenseSummary = z.object({
  total: z.number().int(),
  byProduct: z.array(z.object({ sku: z.string(), name: z.string(), count: z.number().int() })),
  /** `YYYY-MM`, or `never` for licenses without an expiry date. */
  byExpiryMonth: z.array(z.object({ month: z.string(), count: z.number().int() })),
});
export type TLicenseSummary = z.infer<typeof ZLicenseSummary>;


// ---- history

export const ZLicenseHistoryEntry = z.object({
  id: z.string(),
  at: ZTimestamp,
  action: z.string().describe('license.issued, license.registered, license.rehosted, license.shared, …'),
  actor: z.string().nullable(),
  partnerAccountId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export const ZLicenseHistory = page(ZLicenseHistoryEntry);
export type TLicenseHistoryEntry = z.infer<typeof ZLicenseHistoryEntry>;
export const ZLicenseHistoryQuery = ZPageQuery;

// ---- shares

export const ZShareCreate = z.object({ email: ZEmail, permission: ZSharePermission });
export const ZShare = z.object({
  id: z.string(),
  licenseId: z.string(),
  email: z.string(),
  permission: ZSharePermission,
  createdAt: ZTimestamp,
});
export type TShare = z.infer<typeof ZShare>;
export const ZShareList = page(ZShare);
export const ZShareParams = ZLicenseParams.extend({ shareId: ZIdParam });

// ---- custom fields

export const CUSTOM_FIELD_NAME = /^[a-z][a-z0-9_]{0,39}$/;
export const ZCustomFieldType = z.enum(['text', 'number', 'date', 'choice']);
export type TCustomFieldType = z.infer<typeof ZCustomFieldType>;

export const ZCustomFieldCreate = z
  .object({
    name: z.string().regex(CUSTOM_FIELD_NAME, 'must start with a lowercase letter, then up to 39 lowercase letters, digits or _'),
    label: z.string().trim().min(1).max(100).optional(),
    type: ZCustomFieldType,
    choices: z.array(z.string().trim().min(1).max(100)).min(1).max(200).optional(),
    required: z.boolean().default(false),
  })
  .superRefine((f, ctx) => {
    if (f.type === 'choice' && !f.choices) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'a choice field lists its choices' });
    if (f.type !== 'choice' && f.choices) ctx.addIssue({ code: 'custom', path: ['choices'], message: 'only a choice field has choices' });
    if (f.choices && new Set(f.choices.map((c) => c.toLowerCase())).size !== f.choices.length) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'choices must differ from each other' });
    }
  });
export type TCustomFieldCreate = z.infer<typeof ZCustomFieldCreate>;

export const ZCustomField = z.object({
  id: z.string(),
  name: z.string(),
  label: z.string(),
  type: ZCustomFieldType,
  choices: z.array(z.string()).nullable(),
  required: z.boolean(),
  createdAt: ZTimestamp,
});
export type TCustomField = z.infer<typeof ZCustomField>;
export const ZCustomFieldList = page(ZCustomField);

/** `{values: {name: value}}`: only the named fields change; `null` or `""` clears a field that is not required. */
export const ZCustomValuesSet = z.object({ values: z.record(z.string().max(100), ZCustomValue) });
export const ZCustomValues = z.object({ licenseId: z.string(), values: z.record(z.string(), ZCustomValue) });

export const ZCustomValuesBulkSet = ZCustomValuesSet.extend({
  licenseIds: z.array(ZIdParam).min(1).max(1000),
});
export const ZBulkResult = z.object({ updated: z.number().int() });

/** The import takes the CSV as a `text/csv` body, or as `{csv}` in JSON (what a browser form sends). */
export const ZCustomValuesImport = z.union([z.string(), z.object({ csv: z.string() })]);

export const ZImportReport = z.object({
  updated: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int().describe('line of the CSV file, the header being line 1'), errors: z.array(z.object({ field: z.string(), message: z.string() })) })),
});
export type TImportReport = z.infer<typeof ZImportReport>;

// ---- saved views

export const ZSavedViewQuery = z.record(z.string().max(60), z.string().max(200));
export const ZSavedViewCreate = z.object({
  name: z.string().trim().min(1).max(100),
  query: ZSavedViewQuery.describe('the list query as it is sent: filters and sort'),
  hiddenColumns: z.array(z.string().max(60)).max(60).default([]).describe('the columns this view hides; any others, a field added later too, show'),
});
export const ZSavedView = ZSavedViewCreate.extend({ id: z.string(), createdAt: ZTimestamp });
export type TSavedView = z.infer<typeof ZSavedView>;
export const ZSavedViewList = page(ZSavedView);
export const ZSavedViewParams = z.object({ accountId: ZIdParam, viewId: ZIdParam });
