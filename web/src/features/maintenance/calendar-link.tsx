import { Button, CopyButton, Group, Stack, Text, TextInput } from '@mantine/core';
import { ConfirmAction } from '../../components/confirm-action';
import { QueryState } from '../../components/query-states';
import { useCalendarLink, useRegenerateCalendarLink } from './maintenance.hooks';

/** The private calendar feed: its secret URL to subscribe to, and a new URL on demand (admins). */
export function CalendarLink({ accountId, canManage }: { accountId: string; canManage: boolean }) {
  const link = useCalendarLink(accountId);
  const regenerate = useRegenerateCalendarLink(accountId);
  return (
    <QueryState query={link} loadingLabel="Loading the calendar link…">
      {() => (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            Subscribe to this address in Outlook, Google Calendar or any calendar app: it shows each
            contract’s end date and reminder dates. Anyone with the address can read the feed, so keep it
            private.
          </Text>
          <Group align="flex-end" gap="sm">
            <TextInput
              label="Calendar feed address"
              readOnly
              value={link.data?.url ?? ''}
              style={{ flex: '1 1 420px' }}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={link.data?.url ?? ''}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
            {canManage ? (
              <ConfirmAction
                label="New address"
                title="Replace the calendar address?"
                message="The current address stops working at once; calendars subscribed to it must subscribe to the new one."
                confirmLabel="Replace address"
                onConfirm={() => regenerate.mutateAsync()}
              />
            ) : null}
          </Group>
        </Stack>
      )}
    </QueryState>
  );
}
