import { useMutation, useQueryClient } from '@tanstack/react-query';
import { usePagedList } from '../../api/use-paged-list';
import {
  listPendingUpgrades,
  lookupUpgrade,
  upgradeLicenses,
  type UpgradeRequest,
} from './version-upgrade.api';

const keys = {
  pending: (accountId: string) => ['accounts', accountId, 'upgrades'] as const,
  licenses: (accountId: string) => ['accounts', accountId, 'licenses'] as const,
};

export function usePendingUpgrades(accountId: string) {
  return usePagedList(keys.pending(accountId), (cursor, signal) =>
    listPendingUpgrades(accountId, cursor, signal),
  );
}

export function useUpgradeLookup(accountId: string) {
  return useMutation({ mutationFn: (notificationId: string) => lookupUpgrade(accountId, notificationId) });
}

export function useUpgradeLicenses(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ request, idempotencyKey }: { request: UpgradeRequest; idempotencyKey: string }) =>
      upgradeLicenses(accountId, request, idempotencyKey),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.pending(accountId) });
      await queryClient.invalidateQueries({ queryKey: keys.licenses(accountId) });
    },
  });
}
