import { useMutation, useQueryClient } from '@tanstack/react-query';
import { usePagedList } from '../../api/use-paged-list';
import {
  activateOffline,
  createDownloadLink,
  deactivate,
  listActivations,
  listDownloads,
  type OfflineActivationRequest,
} from './fileconnect.api';

const keys = {
  downloads: (accountId: string) => ['accounts', accountId, 'downloads'] as const,
  activations: (accountId: string, licenseId: string) =>
    ['accounts', accountId, 'licenses', licenseId, 'activations'] as const,
};

export function useDownloads(accountId: string) {
  return usePagedList(keys.downloads(accountId), (cursor, signal) =>
    listDownloads(accountId, cursor, signal),
  );
}

/** Asks for a fresh signed link and hands it to the browser, which saves the file (the link answers as an attachment). */
export function useStartDownload(accountId: string) {
  return useMutation({
    mutationFn: (fileId: string) => createDownloadLink(accountId, fileId),
    onSuccess: (link) => window.location.assign(link.url),
  });
}

export function useActivations(accountId: string, licenseId: string) {
  return usePagedList(keys.activations(accountId, licenseId), (cursor, signal) =>
    listActivations(accountId, licenseId, cursor, signal),
  );
}

export function useDeactivate(accountId: string, licenseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (activationId: string) => deactivate(activationId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.activations(accountId, licenseId) }),
  });
}

export function useOfflineActivation(accountId: string, licenseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: OfflineActivationRequest) => activateOffline(accountId, licenseId, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.activations(accountId, licenseId) }),
  });
}
