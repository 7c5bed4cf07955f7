import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { formatDateTime } from '../../components/format';
import { FormError } from '../../components/form-error';
import { LoadMore } from '../../components/load-more';
import { EmptyState, QueryState } from '../../components/query-states';
import { useAlerts, useMarkAlertRead, useMarkAllAlertsRead } from './maintenance.hooks';

/** In-app alerts, newest first; unread ones stand out until someone in the account reads them. */
export function AlertsPanel({ accountId }: { accountId: string }) {
  const alerts = useAlerts(accountId);
  const markRead = useMarkAlertRead(accountId);
  const markAll = useMarkAllAlertsRead(accountId);
  return (
    <QueryState query={alerts.query} loadingLabel="Loading alerts…">
      {() =>
        alerts.items.length === 0 ? (
          <EmptyState title="No alerts">Renewal reminders and renewals appear here.</EmptyState>
        ) : (
          <Stack gap="sm">
            <Group justify="space-between">
              <Text size="sm" aria-live="polite">
                {alerts.unreadCount === 0 ? 'All alerts are read.' : `${alerts.unreadCount} unread`}
              </Text>
              {alerts.unreadCount > 0 ? (
                <Button
                  size="xs"
                  variant="default"
                  loading={markAll.isPending}
                  onClick={() => markAll.mutate()}
                >
                  Mark all as read
                </Button>
              ) : null}
            </Group>
            <FormError error={markRead.error ?? markAll.error} />
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Alerts">
              {alerts.items.map((alert) => (
                <Paper
                  component="li"
                  key={alert.id}
                  withBorder
                  p="sm"
                  bg={alert.readAt ? undefined : 'var(--mantine-color-orange-light)'}
                >
                  <Group justify="space-between" align="flex-start" wrap="nowrap">
                    <Stack gap={2}>
                      <Group gap="xs">
                        {alert.readAt ? null : (
                          <Badge size="xs" color="orange">
                            Unread
                          </Badge>
                        )}
                        <Text fw={600} size="sm">
                          {alert.title}
                        </Text>
                      </Group>
                      <Text size="sm">{alert.body}</Text>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(alert.createdAt)}
                      </Text>
                    </Stack>
                    {alert.readAt ? null : (
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => markRead.mutate(alert.id)}
                        aria-label={`Mark “${alert.title}” as read`}
                      >
                        Mark as read
                      </Button>
                    )}
                  </Group>
                </Paper>
              ))}
            </Stack>
            <LoadMore list={alerts} />
          </Stack>
        )
      }
    </QueryState>
  );
}
