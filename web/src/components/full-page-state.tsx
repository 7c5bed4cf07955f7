import { Center } from '@mantine/core';
import { ErrorState, LoadingState } from './query-states';

/** Shown while the app works out who is signed in. */
export function FullPageLoader({ label = 'Loading the portal…' }: { label?: string }) {
  return (
    <Center mih="100vh">
      <LoadingState label={label} />
    </Center>
  );
}

export function FullPageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Center mih="100vh" p="md">
      <ErrorState error={error} title="The portal could not be loaded" onRetry={onRetry} />
    </Center>
  );
}
