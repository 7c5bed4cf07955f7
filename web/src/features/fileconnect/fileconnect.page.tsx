import { Stack } from '@mantine/core';
import { LoadMore } from '../../components/load-more';
import { PageLayout, PageSection } from '../../components/page-layout';
import { EmptyState, QueryState } from '../../components/query-states';
import { useCurrentAccount } from '../shell/account-context';
import type { DownloadRelease } from './fileconnect.api';
import { useDownloads } from './fileconnect.hooks';
import { ReleaseCard } from './release-card';

/** FileConnect (SPEC §10): the releases this account may download, by product, newest first. */
export function FileConnectPage() {
  const account = useCurrentAccount();
  const downloads = useDownloads(account.id);
  return (
    <PageLayout
      title="FileConnect"
      description="Software releases of the products this account holds licenses for, and newer versions while maintenance runs. Each download uses a short-lived link that can be resumed."
    >
      <QueryState query={downloads.query} loadingLabel="Loading releases…">
        {() =>
          downloads.items.length === 0 ? (
            <EmptyState title="No releases to download">
              Releases appear here for the products this account holds licenses for.
            </EmptyState>
          ) : (
            <Stack gap="xl">
              {byProduct(downloads.items).map(([product, releases]) => (
                <PageSection key={product} title={product}>
                  {releases.map((release) => (
                    <ReleaseCard key={release.id} accountId={account.id} release={release} />
                  ))}
                </PageSection>
              ))}
              <LoadMore list={downloads} />
            </Stack>
          )
        }
      </QueryState>
    </PageLayout>
  );
}

/** Releases grouped under their product line, in the order the newest release of each appears. */
function byProduct(releases: DownloadRelease[]): [string, DownloadRelease[]][] {
  const groups = new Map<string, DownloadRelease[]>();
  for (const release of releases)
    groups.set(release.productLine, [...(groups.get(release.productLine) ?? []), release]);
  return [...groups.entries()];
}
