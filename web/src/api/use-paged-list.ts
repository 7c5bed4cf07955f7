import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import type { Page } from './types';

/**
 * A list endpoint read page by page with its cursor (`nextCursor` is null on the last page);
 * the pages loaded so far are shown as one list.
 */
export function usePagedList<T>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>,
  options: { enabled?: boolean } = {},
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled: options.enabled,
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return {
    query,
    items,
    hasMore: query.hasNextPage,
    isLoadingMore: query.isFetchingNextPage,
    loadMore: () => void query.fetchNextPage(),
  };
}
