import { api } from '../../api/client';
import { path } from '../../api/endpoints/path';
import type { Page } from '../../api/types';
import type { TActivation, TOfflineActivationRequest } from '../../../../src/contracts/activation';
import type { TDownloadLink, TDownloadRelease } from '../../../../src/contracts/downloads';
import type { TIssuedLicense } from '../../../../src/contracts/licenses';

export type DownloadRelease = TDownloadRelease;
export type ReleaseFile = TDownloadRelease['files'][number];
export type Activation = TActivation;
export type OfflineActivationRequest = TOfflineActivationRequest;
/** The host-bound license file answered for an offline activation. */
export type LicenseFile = TIssuedLicense['file'];

export const listDownloads = (accountId: string, cursor: string | undefined, signal: AbortSignal) =>
  api.get<Page<DownloadRelease>>(path`/accounts/${accountId}/downloads`, { cursor }, signal);

export const createDownloadLink = (accountId: string, fileId: string) =>
  api.post<TDownloadLink>(path`/accounts/${accountId}/downloads/${fileId}/link`);

export const listActivations = (
  accountId: string,
  licenseId: string,
  cursor: string | undefined,
  signal: AbortSignal,
) =>
  api.get<Page<Activation>>(
    path`/accounts/${accountId}/licenses/${licenseId}/activations`,
    { cursor },
    signal,
  );

export const deactivate = (activationId: string) => api.delete(path`/activations/${activationId}`);

export const activateOffline = (accountId: string, licenseId: string, request: OfflineActivationRequest) =>
  api.post<LicenseFile>(path`/accounts/${accountId}/licenses/${licenseId}/offline-activations`, request);
