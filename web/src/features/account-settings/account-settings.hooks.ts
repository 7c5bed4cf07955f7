import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addAccountUser,
  createApiToken,
  grantDelegation,
  listAccountUsers,
  listApiTokens,
  listDelegations,
  listPartnerCustomers,
  revokeApiToken,
  revokeDelegation,
} from '../../api/endpoints/accounts.api';
import { queryKeys } from '../../api/query-keys';
import type { AddAccountUserRequest } from '../../api/types';
import { usePagedList } from '../../api/use-paged-list';

export function useAccountUsers(accountId: string) {
  return usePagedList(queryKeys.accountUsers(accountId), (cursor, signal) =>
    listAccountUsers(accountId, cursor, signal),
  );
}

export function useAddAccountUser(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddAccountUserRequest) => addAccountUser(accountId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.accountUsers(accountId) }),
  });
}

export function useApiTokens(accountId: string) {
  return useQuery({
    queryKey: queryKeys.apiTokens(accountId),
    queryFn: ({ signal }) => listApiTokens(accountId, signal),
    select: (page) => page.items,
  });
}

export function useCreateApiToken(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => createApiToken(accountId, name),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens(accountId) }),
  });
}

export function useRevokeApiToken(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => revokeApiToken(accountId, tokenId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens(accountId) }),
  });
}

export function useDelegations(accountId: string) {
  return useQuery({
    queryKey: queryKeys.delegations(accountId),
    queryFn: ({ signal }) => listDelegations(accountId, signal),
    select: (page) => page.items,
  });
}

export function useGrantDelegation(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (partnerAccountId: string) => grantDelegation(accountId, partnerAccountId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.delegations(accountId) }),
  });
}

export function useRevokeDelegation(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (partnerAccountId: string) => revokeDelegation(accountId, partnerAccountId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.delegations(accountId) }),
  });
}

export function usePartnerCustomers() {
  return usePagedList(queryKeys.partnerCustomers, (cursor, signal) => listPartnerCustomers(cursor, signal));
}
