import { api } from '../../api/client';
import { path } from '../../api/endpoints/path';
import type { z } from 'zod';
import type { TSecurityEvent, TUserSession } from '../../../../src/contracts/security';
import type {
  TIdentityProvider,
  TSsoDomain,
  ZIdentityProviderPut,
  ZSsoStart,
} from '../../../../src/contracts/sso';
import type { TRecoveryCodes, TSignInPolicy } from '../../../../src/contracts/two-factor';
import type { Page } from '../../api/types';

export type UserSession = TUserSession;
export type SecurityEvent = TSecurityEvent;
export type IdentityProvider = TIdentityProvider;
export type IdentityProviderInput = z.input<typeof ZIdentityProviderPut>;
export type SsoDomain = TSsoDomain;
export type SignInPolicy = TSignInPolicy;
export type SsoStart = z.input<typeof ZSsoStart>;

export const listSessions = (signal?: AbortSignal) =>
  api.get<Page<UserSession>>('/me/sessions', undefined, signal);
export const revokeSession = (sessionId: string) => api.delete(path`/me/sessions/${sessionId}`);
export const signOutEverywhere = (includeThisOne: boolean) =>
  api.post<{ ended: number }>('/me/sessions/sign-out-everywhere', { includeThisOne });

export const listSecurityEvents = (cursor: string | undefined, signal?: AbortSignal) =>
  api.get<Page<SecurityEvent>>('/me/security-log', { cursor, limit: 25 }, signal);

export const regenerateRecoveryCodes = (password: string) =>
  api.post<TRecoveryCodes>('/me/two-factor/recovery-codes', { password });
export const disableTwoFactor = (password: string) => api.post<void>('/me/two-factor/disable', { password });

export const startSso = (body: SsoStart) => api.post<{ redirectUrl: string | null }>('/auth/sso/start', body);

export const fetchIdentityProvider = (accountId: string, signal?: AbortSignal) =>
  api.get<IdentityProvider>(path`/accounts/${accountId}/identity-provider`, undefined, signal);
export const saveIdentityProvider = (accountId: string, body: IdentityProviderInput) =>
  api.put<IdentityProvider>(path`/accounts/${accountId}/identity-provider`, body);
export const removeIdentityProvider = (accountId: string) =>
  api.delete(path`/accounts/${accountId}/identity-provider`);

export const listSsoDomains = (accountId: string, signal?: AbortSignal) =>
  api.get<Page<SsoDomain>>(path`/accounts/${accountId}/sso-domains`, undefined, signal);
export const claimSsoDomain = (accountId: string, domain: string) =>
  api.post<SsoDomain>(path`/accounts/${accountId}/sso-domains`, { domain });
export const verifySsoDomain = (accountId: string, domain: string) =>
  api.post<SsoDomain>(path`/accounts/${accountId}/sso-domains/${domain}/verify`);
export const removeSsoDomain = (accountId: string, domain: string) =>
  api.delete(path`/accounts/${accountId}/sso-domains/${domain}`);

export const fetchSignInPolicy = (accountId: string, signal?: AbortSignal) =>
  api.get<SignInPolicy>(path`/accounts/${accountId}/sign-in-policy`, undefined, signal);
export const updateSignInPolicy = (
  accountId: string,
  change: Partial<Pick<SignInPolicy, 'twoFactorRequired' | 'ssoRequired'>>,
) => api.put<SignInPolicy>(path`/accounts/${accountId}/sign-in-policy`, change);
