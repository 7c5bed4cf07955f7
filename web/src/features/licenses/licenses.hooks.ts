import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isSameList, usePagedList } from '../../api/use-paged-list';
import {
  createCustomField,
  deleteView,
  getSummary,
  importCustomValues,
  listCustomFields,
  listHistory,
  listLicenses,
  listSavedViews,
  listShares,
  rehostLicense,
  revokeShare,
  saveView,
  setCustomValues,
  setCustomValuesOfSelection,
  shareLicense,
  type CustomValue,
  type LicenseQuery,
  type NewCustomField,
  type SharePermission,
} from './licenses.api';

const keys = {
  all: (accountId: string) => ['accounts', accountId, 'licenses'] as const,
  list: (accountId: string, query: LicenseQuery) => ['accounts', accountId, 'licenses', 'list', query] as const,
  summary: (accountId: string, query: LicenseQuery) => ['accounts', accountId, 'licenses', 'summary', query] as const,
  history: (accountId: string, licenseId: string) => ['accounts', accountId, 'licenses', 'history', licenseId] as const,
  shares: (accountId: string, licenseId: string) => ['accounts', accountId, 'licenses', 'shares', licenseId] as const,
  fields: (accountId: string) => ['accounts', accountId, 'custom-fields'] as const,
  views: (accountId: string) => ['accounts', accountId, 'license-views'] as const,
};

export function useLicenses(accountId: string, query: LicenseQuery) {
  // Changing a filter keeps the last list on screen until the new one arrives, rather than a spinner.
  return usePagedList(keys.list(accountId, query), (cursor, signal) => listLicenses(accountId, query, cursor, signal), { keepPrevious: true });
}

export function useLicenseSummary(accountId: string, query: LicenseQuery) {
  const queryKey = keys.summary(accountId, query);
  return useQuery({
    queryKey,
    queryFn: ({ signal }) => getSummary(accountId, query, signal),
    placeholderData: (previous, previousQuery) => (previousQuery && isSameList(previousQuery.queryKey, queryKey) ? previous : undefined),
  });
}

export function useLicenseHistory(accountId: string, licenseId: string) {
  return usePagedList(keys.history(accountId, licenseId), (cursor, signal) => listHistory(accountId, licenseId, cursor, signal));
}

export function useCustomFields(accountId: string) {
  return useQuery({ queryKey: keys.fields(accountId), queryFn: ({ signal }) => listCustomFields(accountId, signal), select: (page) => page.items });
}

/** Anything that changes licenses reads the list, its chart and the histories again. */
function useRefreshLicenses(accountId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.all(accountId) });
}

export function useCreateCustomField(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCustomField) => createCustomField(accountId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.fields(accountId) }),
  });
}

export function useSetCustomValues(accountId: string) {
  const refresh = useRefreshLicenses(accountId);
  return useMutation({
    mutationFn: ({ licenseId, values }: { licenseId: string; values: Record<string, CustomValue> }) => setCustomValues(accountId, licenseId, values),
    onSuccess: refresh,
  });
}

export function useSetCustomValuesOfSelection(accountId: string) {
  const refresh = useRefreshLicenses(accountId);
  return useMutation({
    mutationFn: ({ licenseIds, values }: { licenseIds: string[]; values: Record<string, CustomValue> }) => setCustomValuesOfSelection(accountId, licenseIds, values),
    onSuccess: refresh,
  });
}

export function useImportCustomValues(accountId: string) {
  const refresh = useRefreshLicenses(accountId);
  return useMutation({ mutationFn: (csv: string) => importCustomValues(accountId, csv), onSuccess: refresh });
}

export function useRehost(accountId: string, licenseId: string) {
  const refresh = useRefreshLicenses(accountId);
  return useMutation({ mutationFn: (hostId: string) => rehostLicense(accountId, licenseId, hostId), onSuccess: refresh });
}

export function useShares(accountId: string, licenseId: string, enabled: boolean) {
  return useQuery({ queryKey: keys.shares(accountId, licenseId), queryFn: ({ signal }) => listShares(accountId, licenseId, signal), select: (page) => page.items, enabled });
}

export function useShareLicense(accountId: string, licenseId: string) {
  const refresh = useRefreshLicenses(accountId);
  return useMutation({
    mutationFn: ({ email, permission }: { email: string; permission: SharePermission }) => shareLicense(accountId, licenseId, email, permission),
    onSuccess: refresh,
  });
}

export function useRevokeShare(accountId: string, licenseId: string) {
  const refresh = useRefreshLicenses(accountId);
  return useMutation({ mutationFn: (shareId: string) => revokeShare(accountId, licenseId, shareId), onSuccess: refresh });
}

export function useSavedViews(accountId: string) {
  return useQuery({ queryKey: keys.views(accountId), queryFn: ({ signal }) => listSavedViews(accountId, signal), select: (page) => page.items });
}

export function useSaveView(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (view: { name: string; query: LicenseQuery; hiddenColumns: string[] }) => saveView(accountId, view),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.views(accountId) }),
  });
}

export function useDeleteView(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (viewId: string) => deleteView(accountId, viewId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.views(accountId) }),
  });
}
