import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  confirmTotpEnrolment,
  fetchTwoFactorStatus,
  startTotpEnrolment,
} from '../../api/endpoints/two-factor.api';
import { queryKeys } from '../../api/query-keys';

export function useTwoFactorStatus() {
  return useQuery({ queryKey: queryKeys.twoFactor, queryFn: ({ signal }) => fetchTwoFactorStatus(signal) });
}

export function useStartTotpEnrolment() {
  return useMutation({ mutationFn: startTotpEnrolment });
}

/**
 * Confirming lifts the session's restriction on the server, but /me is read again only when
 * the person says they stored the recovery codes: reading it earlier would leave this page
 * before the codes were seen.
 */
export function useConfirmTotpEnrolment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => confirmTotpEnrolment({ code }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.twoFactor }),
  });
}

export function useFinishEnrolment() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.me });
}
