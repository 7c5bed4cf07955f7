import { api, buildUrl } from '../../api/client';
import { path } from '../../api/endpoints/path';
import type { Page } from '../../api/types';
import type {
  TCustomField,
  TCustomFieldCreate,
  TImportReport,
  TLicenseHistoryEntry,
  TLicenseListItem,
  TLicenseSummary,
  TSavedView,
  TShare,
  TSharePermission,
} from '../../../../src/contracts/license-management';
import type { z } from 'zod';
import type { ZRehostResult } from '../../../../src/contracts/licenses';

export type LicenseItem = TLicenseListItem;
export type CustomField = TCustomField;
export type NewCustomField = TCustomFieldCreate;
export type LicenseSummary = TLicenseSummary;
export type HistoryEntry = TLicenseHistoryEntry;
export type Share = TShare;
export type SharePermission = TSharePermission;
export type SavedView = TSavedView;
export type ImportReport = TImportReport;
export type RehostResult = z.infer<typeof ZRehostResult>;
export type CustomValue = string | number | null;

/** The list's query as sent: filters, `field.<name>` filters and sort, all strings. */
export type LicenseQuery = Record<string, string>;

export const listLicenses = (accountId: string, query: LicenseQuery, cursor: string | undefined, signal: AbortSignal) =>
  api.get<Page<LicenseItem>>(path`/accounts/${accountId}/licenses`, { ...query, cursor }, signal);

export const getSummary = (accountId: string, query: LicenseQuery, signal: AbortSignal) =>
  api.get<LicenseSummary>(path`/accounts/${accountId}/licenses/summary`, query, signal);

/** The export is a plain link: the browser downloads the streamed CSV itself. */
export const exportUrl = (accountId: string, query: LicenseQuery) => buildUrl(path`/accounts/${accountId}/licenses.csv`, query);

/** The signed license file (served by the license detail routes). */
export const licenseFileUrl = (accountId: string, licenseId: string) => buildUrl(path`/accounts/${accountId}/licenses/${licenseId}/file`);

/** Moves a node-locked license to another host: a new license replaces it, and it is revoked. */
export const rehostLicense = (accountId: string, licenseId: string, hostId: string) =>
  api.post<RehostResult>(path`/accounts/${accountId}/licenses/${licenseId}/rehost`, { hostId });

export const listHistory = (accountId: string, licenseId: string, cursor: string | undefined, signal: AbortSignal) =>
  api.get<Page<HistoryEntry>>(path`/accounts/${accountId}/licenses/${licenseId}/history`, { cursor }, signal);

export const listCustomFields = (accountId: string, signal: AbortSignal) =>
  api.get<Page<CustomField>>(path`/accounts/${accountId}/custom-fields`, undefined, signal);

export const createCustomField = (accountId: string, body: NewCustomField) =>
  api.post<CustomField>(path`/accounts/${accountId}/custom-fields`, body);

export const setCustomValues = (accountId: string, licenseId: string, values: Record<string, CustomValue>) =>
  api.put<{ licenseId: string; values: Record<string, string | number> }>(path`/accounts/${accountId}/licenses/${licenseId}/custom-fields`, { values });

export const setCustomValuesOfSelection = (accountId: string, licenseIds: string[], values: Record<string, CustomValue>) =>
  api.put<{ updated: number }>(path`/accounts/${accountId}/custom-fields/values`, { licenseIds, values });

export const importCustomValues = (accountId: string, csv: string) =>
  api.post<ImportReport>(path`/accounts/${accountId}/custom-fields/import`, { csv });

export const listShares = (accountId: string, licenseId: string, signal: AbortSignal) =>
  api.get<Page<Share>>(path`/accounts/${accountId}/licenses/${licenseId}/shares`, undefined, signal);

export const shareLicense = (accountId: string, licenseId: string, email: string, permission: SharePermission) =>
  api.post<Share>(path`/accounts/${accountId}/licenses/${licenseId}/shares`, { email, permission });

export const revokeShare = (accountId: string, licenseId: string, shareId: string) =>
  api.delete(path`/accounts/${accountId}/licenses/${licenseId}/shares/${shareId}`);

export const listSavedViews = (accountId: string, signal: AbortSignal) =>
  api.get<Page<SavedView>>(path`/accounts/${accountId}/license-views`, undefined, signal);

export const saveView = (accountId: string, view: { name: string; query: LicenseQuery; hiddenColumns: string[] }) =>
  api.post<SavedView>(path`/accounts/${accountId}/license-views`, view);

export const deleteView = (accountId: string, viewId: string) => api.delete(path`/accounts/${accountId}/license-views/${viewId}`);
