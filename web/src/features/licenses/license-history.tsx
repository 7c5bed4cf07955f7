import { Stack, Text, Timeline } from '@mantine/core';
import { formatDateTime } from '../../components/format';
import { LoadMore } from '../../components/load-more';
import { EmptyState, QueryState } from '../../components/query-states';
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
                  {entry.data ? (
                    <Text size="xs" ff="monospace">
                      {describeData(entry.data)}
                    </Text>
                  ) : null}
                </Timeline.Item>
              ))}
            </Timeline>
            <LoadMore hasMore={history.hasMore} isLoading={history.isLoadingMore} onLoadMore={history.loadMore} shown={history.items.length} />
          </Stack>
        )
      }
    </QueryState>
  );
}

/** `license.custom_fields_set` → "Custom fields set". */
function describeAction(action: string): string {
  const words = action.replace(/^license\./, '').replace(/[._]/g, ' ');
  return words[0]!.toUpperCase() + words.slice(1);
}

function describeData(data: Record<string, unknown>): string {
  return Object.entries(data)
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' · ');
}
