import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys';
import * as security from './security.api';

/** Keys of this area; kept here so the shared key list stays small. */
export const securityKeys = {
  sessions: ['me', 'sessions'] as const,
  log: ['me', 'security-log'] as const,
  provider: (accountId: string) => ['accounts', accountId, 'identity-provider'] as const,
  domains: (accountId: string) => ['accounts', accountId, 'sso-domains'] as const,
  policy: (accountId: string) => ['accounts', accountId, 'sign-in-policy'] as const,
};

export function useSessions() {
  return useQuery({
    queryKey: securityKeys.sessions,
    queryFn: ({ signal }) => security.listSessions(signal),
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: security.revokeSession,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['me'] }),
  });
}

export function useSignOutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (includeThisOne: boolean) => security.signOutEverywhere(includeThisOne),
    onSuccess: (_answer, includeThisOne) => {
      if (includeThisOne) queryClient.setQueryData(queryKeys.me, null);
      else void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}

export function useSecurityLog() {
  return useInfiniteQuery({
    queryKey: securityKeys.log,
    queryFn: ({ pageParam, signal }) => security.listSecurityEvents(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** After a change to the second factor: its status, and the log that now tells of it. */
export function useSecondFactorChanged() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.twoFactor }),
      queryClient.invalidateQueries({ queryKey: securityKeys.log }),
    ]);
}

export function useRegenerateRecoveryCodes() {
  return useMutation({ mutationFn: security.regenerateRecoveryCodes, onSuccess: useSecondFactorChanged() });
}

export function useDisableTwoFactor() {
  return useMutation({ mutationFn: security.disableTwoFactor, onSuccess: useSecondFactorChanged() });
}

export function useStartSso() {
  return useMutation({ mutationFn: security.startSso });
}

export function useIdentityProvider(accountId: string) {
  return useQuery({
    queryKey: securityKeys.provider(accountId),
    queryFn: async ({ signal }) => {
      try {
        return await security.fetchIdentityProvider(accountId, signal);
      } catch (error) {
        // None configured yet is an ordinary state of the page, not an error.
        if ((error as { status?: number }).status === 404) return null;
        throw error;
      }
    },
  });
}

/** A change to the account's sign-in settings, then a fresh read of what it changed. */
function useAccountMutation<A>(fn: (arg: A) => Promise<unknown>, keys: readonly (readonly string[])[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  });
}

export const useSaveIdentityProvider = (accountId: string) =>
  useAccountMutation(
    (body: security.IdentityProviderInput) => security.saveIdentityProvider(accountId, body),
    [securityKeys.provider(accountId)],
  );
export const useRemoveIdentityProvider = (accountId: string) =>
  useAccountMutation(() => security.removeIdentityProvider(accountId), [securityKeys.provider(accountId)]);

export function useSsoDomains(accountId: string) {
  return useQuery({
    queryKey: securityKeys.domains(accountId),
    queryFn: ({ signal }) => security.listSsoDomains(accountId, signal),
  });
}
export const useClaimSsoDomain = (accountId: string) =>
  useAccountMutation(
    (domain: string) => security.claimSsoDomain(accountId, domain),
    [securityKeys.domains(accountId)],
  );
export const useVerifySsoDomain = (accountId: string) =>
  useAccountMutation(
    (domain: string) => security.verifySsoDomain(accountId, domain),
    [securityKeys.domains(accountId)],
  );
export const useRemoveSsoDomain = (accountId: string) =>
  useAccountMutation(
    (domain: string) => security.removeSsoDomain(accountId, domain),
    [securityKeys.domains(accountId)],
  );

export function useSignInPolicy(accountId: string) {
  return useQuery({
    queryKey: securityKeys.policy(accountId),
    queryFn: ({ signal }) => security.fetchSignInPolicy(accountId, signal),
  });
}
export const useUpdateSignInPolicy = (accountId: string) =>
  useAccountMutation(
    (change: Parameters<typeof security.updateSignInPolicy>[1]) =>
      security.updateSignInPolicy(accountId, change),
    [securityKeys.policy(accountId)],
  );
