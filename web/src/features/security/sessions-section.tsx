import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { ConfirmAction } from '../../components/confirm-action';
import { DataTable } from '../../components/data-table';
import { formatDateTime } from '../../components/format';
import { FormError } from '../../components/form-error';
import { PageSection } from '../../components/page-layout';
import { QueryState } from '../../components/query-states';
import type { UserSession } from './security.api';
import { useRevokeSession, useSessions, useSignOutEverywhere } from './security.hooks';

const HOW: Record<string, string> = { password: 'Password', sso: 'Single sign-on' };

/** Where the person is signed in: each browser, with a way to end one or all of them. */
export function SessionsSection() {
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const everywhere = useSignOutEverywhere();
  const column = createColumnHelper<UserSession>();
  const columns = [
    column.accessor('userAgent', {
      header: 'Browser',
      cell: ({ row }) => (
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" lineClamp={1} title={row.original.userAgent ?? undefined}>
            {row.original.userAgent ?? 'Unknown browser'}
          </Text>
          {row.original.current ? (
            <Badge variant="light" color="blue">
              This browser
            </Badge>
          ) : null}
        </Group>
      ),
    }),
    column.accessor('ip', { header: 'From', cell: (info) => info.getValue() ?? '—' }),
    column.accessor('method', {
      header: 'Signed in with',
      cell: ({ row }) =>
        `${HOW[row.original.method] ?? row.original.method}${row.original.secondFactor ? ' + code' : ''}`,
    }),
    column.accessor('createdAt', { header: 'Signed in', cell: (info) => formatDateTime(info.getValue()) }),
    column.accessor('lastSeenAt', { header: 'Last active', cell: (info) => formatDateTime(info.getValue()) }),
    column.display({
      id: 'actions',
      header: 'Actions',
      cell: ({ row }) =>
        row.original.current ? null : (
          <ConfirmAction
            label="End session"
            ariaLabel={`End the session from ${row.original.ip ?? 'an unknown address'}`}
            title="End this session?"
            message="Whoever uses that browser has to sign in again."
            confirmLabel="End session"
            onConfirm={() => revoke.mutateAsync(row.original.id)}
          />
        ),
    }),
  ];

  return (
    <PageSection title="Where you are signed in">
      <QueryState query={sessions} loadingLabel="Loading sessions…">
        {() => (
          <Stack gap="sm">
            <DataTable
              caption="Your sessions"
              data={sessions.data!.items}
              columns={columns}
              getRowId={(s) => s.id}
            />
            <FormError error={everywhere.error} />
            <Group gap="sm">
              <Button
                variant="light"
                onClick={() => everywhere.mutate(false)}
                loading={everywhere.isPending}
                disabled={sessions.data!.items.length < 2}
              >
                Sign out everywhere else
              </Button>
              {everywhere.data && !everywhere.isPending ? (
                <Text size="sm" role="status">
                  {everywhere.data.ended === 1
                    ? 'One other session ended.'
                    : `${everywhere.data.ended} other sessions ended.`}
                </Text>
              ) : null}
            </Group>
          </Stack>
        )}
      </QueryState>
    </PageSection>
  );
}
