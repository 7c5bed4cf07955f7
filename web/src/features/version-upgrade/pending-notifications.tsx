import { Badge, Button, Group, List, Paper, Stack, Text } from '@mantine/core';
import { formatDate } from '../../components/format';
import { LoadMore } from '../../components/load-more';
import { PageSection } from '../../components/page-layout';
import { EmptyState, QueryState } from '../../components/query-states';
import { unitsLabel } from './upgrade-steps';
import { usePendingUpgrades } from './version-upgrade.hooks';

/** "I do not have a notification ID": the account's open notifications, each usable at once. */
export function PendingNotifications({
  accountId,
  onPick,
  disabled,
}: {
  accountId: string;
  onPick: (notificationId: string) => void;
  disabled?: boolean;
}) {
  const pending = usePendingUpgrades(accountId);
  return (
    <PageSection title="I do not have a notification ID">
      <QueryState query={pending.query} loadingLabel="Loading upgrade notifications…">
        {() =>
          pending.items.length === 0 ? (
            <EmptyState title="No open upgrade notifications">
              When a new version is released for products this account holds with active maintenance, its
              notification appears here.
            </EmptyState>
          ) : (
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                These notifications of this account still have units to upgrade:
              </Text>
              {pending.items.map((notice) => (
                <Paper
                  key={notice.notificationId}
                  withBorder
                  p="md"
                  component="article"
                  aria-label={`Notification ${notice.notificationId}`}
                >
                  <Group justify="space-between" align="flex-start" wrap="wrap">
                    <Stack gap={4}>
                      <Group gap="xs">
                        <Text fw={600} ff="monospace">
                          {notice.notificationId}
                        </Text>
                        {notice.tradeIn ? (
                          <Badge variant="light" color="orange">
                            Trade-in
                          </Badge>
                        ) : null}
                      </Group>
                      <Text size="sm">
                        Upgrade to {notice.toProduct.name} · published {formatDate(notice.publishedOn)}
                      </Text>
                      <List size="sm">
                        {notice.items.map((item) => (
                          <List.Item key={item.product.sku}>
                            {item.product.name}: {unitsLabel(item.remaining, item.product.unit)} left of{' '}
                            {item.eligible}
                          </List.Item>
                        ))}
                      </List>
                    </Stack>
                    <Button
                      variant="light"
                      disabled={disabled}
                      onClick={() => onPick(notice.notificationId)}
                      aria-label={`Use notification ${notice.notificationId}`}
                    >
                      Use this notification
                    </Button>
                  </Group>
                </Paper>
              ))}
              <LoadMore list={pending} />
            </Stack>
          )
        }
      </QueryState>
    </PageSection>
  );
}
