import { useMutation, useQueryClient } from '@tanstack/react-query';
import { usePagedList } from '../../api/use-paged-list';
import {
  listBatches,
  listEndCustomers,
  listVouchers,
  redeemVoucher,
  type RedeemRequest,
  type VoucherState,
} from './vouchers.api';

const keys = {
  all: (accountId: string) => ['accounts', accountId, 'vouchers'] as const,
  batches: (accountId: string) => ['accounts', accountId, 'vouchers', 'batches'] as const,
  vouchers: (accountId: string, state: VoucherState | undefined) =>
    ['accounts', accountId, 'vouchers', 'list', { state }] as const,
  endCustomers: (accountId: string) => ['accounts', accountId, 'vouchers', 'end-customers'] as const,
};

export function useBatches(accountId: string) {
  return usePagedList(keys.batches(accountId), (cursor, signal) => listBatches(accountId, cursor, signal));
}

export function useVouchers(accountId: string, state: VoucherState | undefined) {
  return usePagedList(keys.vouchers(accountId, state), (cursor, signal) =>
    listVouchers(accountId, state, cursor, signal),
  );
}

export function useEndCustomers(accountId: string) {
  return usePagedList(keys.endCustomers(accountId), (cursor, signal) =>
    listEndCustomers(accountId, cursor, signal),
  );
}

/** A conversion changes the batches' counts, the lists and the end customers: all are read again. */
export function useRedeemVoucher(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RedeemRequest) => redeemVoucher(accountId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all(accountId) }),
  });
}
