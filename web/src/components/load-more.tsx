import { Button, Center, Text } from '@mantine/core';

interface LoadMoreProps {
  hasMore: boolean;
  isLoading: boolean;
  onLoadMore: () => void;
  shown: number;
}

/** Cursor paging: the next page is appended below what is already shown. */
export function LoadMore({ hasMore, isLoading, onLoadMore, shown }: LoadMoreProps) {
  return (
    <Center>
      {hasMore ? (
        <Button variant="default" loading={isLoading} onClick={onLoadMore}>
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
