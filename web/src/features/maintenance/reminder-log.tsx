import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { formatDate, formatDateTime } from '../../components/format';
import { LoadMore } from '../../components/load-more';
import { EmptyState, QueryState } from '../../components/query-states';
import { describeDaysLeft, describeStage } from './contract-state';
import type { Reminder } from './maintenance.api';
import { useReminders } from './maintenance.hooks';

const STATUS_COLORS = { queued: 'blue', sent: 'teal', bounced: 'orange', failed: 'red' } as const;
const CHANNELS = { email: 'E-mail', alert: 'In-app alert', webhook: 'Webhook' } as const;

/** Every reminder sent for the account, each with its delivery log: who, how, and whether it arrived. */
export function ReminderLog({ accountId }: { accountId: string }) {
  const reminders = useReminders(accountId);
  return (
    <QueryState query={reminders.query} loadingLabel="Loading reminders…">
      {() =>
        reminders.items.length === 0 ? (
          <EmptyState title="No reminders sent yet">
            Each reminder appears here with the delivery of its e-mails, alert and webhooks.
          </EmptyState>
        ) : (
          <Stack gap="sm">
            {reminders.items.map((r) => (
              <ReminderEntry key={r.id} reminder={r} />
            ))}
            <LoadMore list={reminders} />
          </Stack>
        )
      }
    </QueryState>
  );
}

function ReminderEntry({ reminder: r }: { reminder: Reminder }) {
  return (
    <Paper
      withBorder
      p="sm"
      component="article"
      aria-label={`Reminder for ${r.serialNumber} sent ${formatDateTime(r.createdAt)}`}
    >
      <Stack gap="xs">
        <Group gap="xs">
          <Text fw={600} size="sm" ff="monospace">
            {r.serialNumber}
          </Text>
          <Text size="sm">{r.productName}</Text>
          <Badge variant="light" color={r.isTest ? 'grape' : 'blue'}>
            {r.isTest ? 'Test' : describeStage(r.stage)}
          </Badge>
          <Text size="xs" c="dimmed">
            ends {formatDate(r.endsAt)}, {describeDaysLeft(r.daysLeft)} when sent on{' '}
            {formatDateTime(r.createdAt)}
          </Text>
        </Group>
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4} fz="sm">
            <caption style={{ captionSide: 'top', textAlign: 'left' }}>
              <Text size="xs" c="dimmed" component="span">
                Delivery log
              </Text>
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Channel</Table.Th>
                <Table.Th scope="col">Recipient</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Attempts</Table.Th>
                <Table.Th scope="col">Sent</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.deliveries.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{CHANNELS[d.channel]}</Table.Td>
                  <Table.Td>{d.recipient}</Table.Td>
                  <Table.Td>
                    <Badge
                      size="sm"
                      variant="light"
                      color={STATUS_COLORS[d.status]}
                      title={d.lastError ?? undefined}
                    >
                      {d.status}
                    </Badge>
                    {d.lastError && d.status !== 'sent' ? (
                      <Text size="xs" c="dimmed">
                        {d.lastError}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td>{formatDateTime(d.sentAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}
