import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** The last line of defence: a page broke while rendering. */
export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="sm" maw={480} ta="center">
        <Title order={1} size="h2">
          {notFound ? 'Page not found' : 'Something went wrong'}
        </Title>
        <Text c="dimmed">
          {notFound
            ? 'There is no page at this address.'
            : 'This page could not be shown. Reloading often helps; if it does not, tell your vendor contact what you were doing.'}
        </Text>
        <Button onClick={() => window.location.assign('/')}>Go to the start page</Button>
      </Stack>
    </Center>
  );
}
