import { useInfiniteQuery, type QueryKey } from '@tanstack/react-query';
import type { Page } from './types';

/**
 * A list endpoint read page by page with its cursor (`nextCursor` is null on the last page);
 * the pages loaded so far are shown as one list.
 */
export function usePagedList<T>(
  queryKey: QueryKey,
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<Page<T>>,
  /**
   * `keepPrevious`: when only the key's last part (the filter) changes, the last list stays on
   * screen until the new one's first page arrives; another list (another account) never shows.
   */
  options: { enabled?: boolean; keepPrevious?: boolean } = {},
) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled: options.enabled,
    placeholderData: (previous, previousQuery) => (options.keepPrevious && previousQuery && isSameList(previousQuery.queryKey, queryKey) ? previous : undefined),
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return {
    query,
    items,
    // The previous key's list, shown while the new one loads, has no more pages to give.
    hasMore: query.hasNextPage && !query.isPlaceholderData,
    isLoadingMore: query.isFetchingNextPage,
    loadMore: () => void query.fetchNextPage(),
    /** The list shown is the previous key's, while the new one loads. */
    isStale: query.isPlaceholderData,
  };
}

export function isSameList(a: QueryKey, b: QueryKey): boolean {
  return a.length === b.length && a.slice(0, -1).every((part, i) => part === b[i]);
}
