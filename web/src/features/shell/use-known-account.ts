import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys';
import type { AdminAccount, Page } from '../../api/types';

/** Name and kind of an account the vendor admin pages already loaded, if any did. */
export function useKnownAccount(
  accountId: string | undefined,
): Pick<AdminAccount, 'name' | 'kind'> | undefined {
  const queryClient = useQueryClient();
  if (!accountId) return undefined;
  const cached = queryClient.getQueriesData<InfiniteData<Page<AdminAccount>>>({
    queryKey: queryKeys.adminAccountsAll,
  });
  for (const [, data] of cached) {
    for (const page of data?.pages ?? []) {
      const hit = page.items.find((account) => account.id === accountId);
      if (hit) return { name: hit.name, kind: hit.kind };
    }
  }
  return undefined;
}
