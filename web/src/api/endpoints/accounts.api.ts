import { api } from '../client';
import type {
  AccountUser,
  AddAccountUserRequest,
  ApiToken,
  CreatedApiToken,
  Delegation,
  Page,
  PartnerCustomer,
} from '../types';
import { path } from './path';

export const listAccountUsers = (accountId: string, cursor?: string, signal?: AbortSignal) =>
  api.get<Page<AccountUser>>(path`/accounts/${accountId}/users`, { cursor }, signal);

export const addAccountUser = (accountId: string, body: AddAccountUserRequest) =>
  api.post<AccountUser>(path`/accounts/${accountId}/users`, body);

export const listApiTokens = (accountId: string, signal?: AbortSignal) =>
  api.get<Page<ApiToken>>(path`/accounts/${accountId}/api-tokens`, undefined, signal);

export const createApiToken = (accountId: string, name: string) =>
  api.post<CreatedApiToken>(path`/accounts/${accountId}/api-tokens`, { name });

export const revokeApiToken = (accountId: string, tokenId: string) =>
  api.delete(path`/accounts/${accountId}/api-tokens/${tokenId}`);

export const listDelegations = (accountId: string, signal?: AbortSignal) =>
  api.get<Pick<Page<Delegation>, 'items'>>(path`/accounts/${accountId}/delegations`, undefined, signal);

export const grantDelegation = (accountId: string, partnerAccountId: string) =>
  api.post<unknown>(path`/accounts/${accountId}/delegations`, { partnerAccountId });

export const revokeDelegation = (accountId: string, partnerAccountId: string) =>
  api.delete(path`/accounts/${accountId}/delegations/${partnerAccountId}`);

export const listPartnerCustomers = (cursor?: string, signal?: AbortSignal) =>
  api.get<Page<PartnerCustomer>>('/partner/customers', { cursor }, signal);
