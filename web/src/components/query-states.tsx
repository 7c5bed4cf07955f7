import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { describeError, isApiError } from '../api/api-error';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Group>
    </Center>
  );
}

export function ErrorState({
  error,
  title = 'This could not be loaded',
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const notFound = isApiError(error) && error.status === 404;
  return (
    <Alert color="red" variant="light" title={notFound ? 'Not found' : title} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">
          {notFound ? 'There is nothing here, or you may not see it.' : describeError(error)}
        </Text>
        {onRetry && !notFound ? (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            Try again
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Stack
      gap={4}
      py="lg"
      px="md"
      align="center"
      ta="center"
      bd="1px dashed var(--mantine-color-default-border)"
    >
      <Text fw={600}>{title}</Text>
      {children ? (
        <Text size="sm" c="dimmed">
          {children}
        </Text>
      ) : null}
    </Stack>
  );
}

interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** Shows the loading or error state of a query, or its content once it has data. */
export function QueryState({
  query,
  loadingLabel,
  children,
}: {
  query: QueryLike;
  loadingLabel?: string;
  children: () => ReactNode;
}) {
  if (query.isPending) return <LoadingState label={loadingLabel} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children()}</>;
}
