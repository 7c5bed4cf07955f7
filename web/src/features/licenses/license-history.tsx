import { Stack, Text, Timeline } from '@mantine/core';
import { formatDateTime } from '../../components/format';
import { LoadMore } from '../../components/load-more';
import { EmptyState, QueryState } from '../../components/query-states';
import { describeAction, describeData } from './history-facts';
import { useLicenseHistory } from './licenses.hooks';

/** What happened to the license, newest first, as the audit log recorded it. */
export function LicenseHistory({ accountId, licenseId }: { accountId: string; licenseId: string }) {
  const history = useLicenseHistory(accountId, licenseId);
  return (
    <QueryState query={history.query} loadingLabel="Loading history…">
      {() =>
        history.items.length === 0 ? (
          <EmptyState title="No history yet" />
        ) : (
          <Stack gap="sm">
            <Timeline bulletSize={12} lineWidth={2} aria-label="History">
              {history.items.map((entry) => (
                <Timeline.Item key={entry.id} title={describeAction(entry.action)}>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(entry.at)}
                    {entry.actor ? ` · ${entry.actor}` : ''}
                  </Text>
                  {entry.data && describeData(entry.data) ? (
                    <Text size="xs" ff="monospace">
                      {describeData(entry.data)}
                    </Text>
                  ) : null}
                </Timeline.Item>
              ))}
            </Timeline>
            <LoadMore list={history} />
          </Stack>
        )
      }
    </QueryState>
  );
}
