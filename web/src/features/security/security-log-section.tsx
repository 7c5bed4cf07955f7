import { Button, Stack, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { DataTable } from '../../components/data-table';
import { formatDateTime } from '../../components/format';
import { PageSection } from '../../components/page-layout';
import { EmptyState, QueryState } from '../../components/query-states';
import type { SecurityEvent } from './security.api';
import { useSecurityLog } from './security.hooks';

const EVENTS: Record<string, string> = {
  'user.signed_in': 'Signed in',
  'user.sign_in_failed': 'Failed sign-in',
  'user.password_reset_requested': 'Password reset asked for',
  'user.password_reset': 'Password changed by reset link',
  'user.invitation_accepted': 'Invitation accepted, password set',
  'two_factor.enabled': 'Two-step verification turned on',
  'two_factor.disabled': 'Two-step verification turned off',
  'two_factor.recovery_code_used': 'Signed in with a recovery code',
  'two_factor.recovery_codes_regenerated': 'New recovery codes made',
  'session.revoked': 'A session was signed out',
  'user.signed_out_everywhere': 'Signed out everywhere',
  'sso.identity_linked': 'Linked to an identity provider',
};

const REASONS: Record<string, string> = {
  password: 'wrong password',
  second_factor: 'wrong code',
  sso_required: 'password refused: single sign-on required',
};

function describe(event: SecurityEvent): string {
  const detail = event.detail ?? {};
  if (event.action === 'user.signed_in')
    return detail.method === 'sso'
      ? 'through single sign-on'
      : detail.secondFactor
        ? 'password and code'
        : 'password';
  if (event.action === 'user.sign_in_failed') return REASONS[String(detail.reason)] ?? '';
  if (event.action === 'two_factor.recovery_code_used') return `${String(detail.recoveryCodesLeft)} left`;
  if (event.action === 'user.signed_out_everywhere') return `${String(detail.ended)} sessions ended`;
  return '';
}

const column = createColumnHelper<SecurityEvent>();
const columns = [
  column.accessor('at', { header: 'When', cell: (info) => formatDateTime(info.getValue()) }),
  column.accessor('action', { header: 'What', cell: (info) => EVENTS[info.getValue()] ?? info.getValue() }),
  column.display({ id: 'detail', header: 'Details', cell: ({ row }) => describe(row.original) }),
  column.accessor('ip', { header: 'From', cell: (info) => info.getValue() ?? '—' }),
  column.accessor('by', {
    header: 'By',
    cell: (info) => (info.getValue() === 'anonymous' ? 'not signed in' : (info.getValue() ?? 'you')),
  }),
];

/** What happened to the person's sign-in, newest first: to spot what they did not do. */
export function SecurityLogSection() {
  const log = useSecurityLog();
  const events = log.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <PageSection title="Security log">
      <QueryState query={log} loadingLabel="Loading the security log…">
        {() =>
          events.length === 0 ? (
            <EmptyState title="Nothing yet" />
          ) : (
            <Stack gap="sm">
              <DataTable caption="Your security log" data={events} columns={columns} getRowId={(e) => e.id} />
              {log.hasNextPage ? (
                <Button
                  variant="subtle"
                  onClick={() => void log.fetchNextPage()}
                  loading={log.isFetchingNextPage}
                >
                  Older events
                </Button>
              ) : (
                <Text size="xs" c="dimmed">
                  That is everything.
                </Text>
              )}
            </Stack>
          )
        }
      </QueryState>
    </PageSection>
  );
}
