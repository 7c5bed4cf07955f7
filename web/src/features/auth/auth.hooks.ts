import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../api/api-error';
import {
  acceptInvitation,
  confirmPasswordReset,
  fetchMe,
  fetchPublicConfig,
  login,
  loginWithSecondFactor,
  logout,
  requestPasswordReset,
} from '../../api/endpoints/auth.api';
import { queryKeys } from '../../api/query-keys';
import type { LoginRequest, LoginSecondFactor, Me } from '../../api/types';

export const DEFAULT_VENDOR_NAME = 'Licensing Portal';

/** The signed-in person, or `null` when nobody is signed in. */
export function useMe() {
  return useQuery<Me | null>({
    queryKey: queryKeys.me,
    queryFn: async ({ signal }) => {
      try {
        return await fetchMe(signal);
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** The operator's name for headings; a neutral name while it loads or if it cannot be read. */
export function useVendorName(): string {
  const { data } = useQuery({
    queryKey: queryKeys.publicConfig,
    queryFn: ({ signal }) => fetchPublicConfig(signal),
    staleTime: Infinity,
    retry: false,
  });
  return data?.vendorName?.trim() || DEFAULT_VENDOR_NAME;
}

/** After the password: signed in, or asked for the code of the authenticator app. */
export type SignInOutcome =
  { kind: 'signed-in'; me: Me | null } | { kind: 'second-factor'; challengeToken: string };

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: LoginRequest): Promise<SignInOutcome> => {
      const answer = await login(credentials);
      if ('twoFactorRequired' in answer)
        return { kind: 'second-factor', challengeToken: answer.challengeToken };
      return { kind: 'signed-in', me: await refetchMe(queryClient) };
    },
  });
}

export function useSignInWithCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (answer: LoginSecondFactor) => {
      await loginWithSecondFactor(answer);
      return refetchMe(queryClient);
    },
  });
}

/** The login answer names the user only; accounts, roles and restrictions come from /me. */
function refetchMe(queryClient: ReturnType<typeof useQueryClient>) {
  // staleTime 0: the cached answer is the signed-out one from before this login.
  return queryClient.fetchQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 0,
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      // Signed out either way: a failed logout call most likely means the session was gone.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'config' });
      queryClient.setQueryData(queryKeys.me, null);
    },
  });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}

export function useConfirmPasswordReset() {
  return useMutation({ mutationFn: confirmPasswordReset });
}

export function useAcceptInvitation() {
  return useMutation({ mutationFn: acceptInvitation });
}
