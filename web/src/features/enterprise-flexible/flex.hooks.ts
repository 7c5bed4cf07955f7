import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePagedList } from '../../api/use-paged-list';
import {
  drawDown,
  getUsage,
  listFlexContracts,
  listLedger,
  returnUnits,
  type DrawDownRequest,
  type ReturnRequest,
} from './flex.api';

const keys = {
  contracts: (accountId: string) => ['accounts', accountId, 'flex-contracts'] as const,
  ledger: (accountId: string, contractId: string) =>
    ['accounts', accountId, 'flex-contracts', contractId, 'ledger'] as const,
  usage: (accountId: string, contractId: string) =>
    ['accounts', accountId, 'flex-contracts', contractId, 'usage'] as const,
};

export function useFlexContracts(accountId: string) {
  return usePagedList(keys.contracts(accountId), (cursor, signal) =>
    listFlexContracts(accountId, cursor, signal),
  );
}

export function useLedger(accountId: string, contractId: string) {
  return usePagedList(keys.ledger(accountId, contractId), (cursor, signal) =>
    listLedger(accountId, contractId, cursor, signal),
  );
}

export function useUsage(accountId: string, contractId: string) {
  return useQuery({
    queryKey: keys.usage(accountId, contractId),
    queryFn: ({ signal }) => getUsage(accountId, contractId, signal),
  });
}

/** A draw-down or a return changes the pools, the ledger and the usage: all three are read again. */
function useRefreshContract(accountId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.contracts(accountId) });
}

export function useDrawDown(accountId: string, contractId: string) {
  const refresh = useRefreshContract(accountId);
  return useMutation({
    mutationFn: (body: DrawDownRequest) => drawDown(accountId, contractId, body),
    onSuccess: refresh,
  });
}

export function useReturnUnits(accountId: string, contractId: string) {
  const refresh = useRefreshContract(accountId);
  return useMutation({
    mutationFn: (body: ReturnRequest) => returnUnits(accountId, contractId, body),
    onSuccess: refresh,
  });
}
