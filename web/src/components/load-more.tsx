import { Button, Center, Text } from '@mantine/core';

/** What of a paged list (`usePagedList`) the button reads. */
interface LoadMoreProps {
  list: { hasMore: boolean; isLoadingMore: boolean; loadMore: () => void; items: readonly unknown[] };
}

/** Cursor paging: the next page is appended below what is already shown. */
export function LoadMore({ list }: LoadMoreProps) {
  const shown = list.items.length;
  return (
    <Center>
      {list.hasMore ? (
        <Button variant="default" loading={list.isLoadingMore} onClick={list.loadMore}>
          Load more
        </Button>
      ) : (
        <Text size="sm" c="dimmed" aria-live="polite">
          {shown === 1 ? 'Showing the only entry.' : `Showing all ${shown} entries.`}
        </Text>
      )}
    </Center>
  );
}
