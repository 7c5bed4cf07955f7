import { Badge, Paper, Stack } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import type { AccountUser } from '../../api/types';
import { DataTable } from '../../components/data-table';
import { LoadMore } from '../../components/load-more';
import { PageLayout, PageSection } from '../../components/page-layout';
import { EmptyState, QueryState } from '../../components/query-states';
import { canManageAccountUsers } from '../auth/permissions';
import { useCurrentAccount } from '../shell/account-context';
import { useAccountUsers } from './account-settings.hooks';
import { AddUserForm } from './add-user-form';

const column = createColumnHelper<AccountUser>();
const columns = [
  column.accessor('name', { header: 'Name' }),
  column.accessor('email', { header: 'E-mail' }),
  column.accessor('role', {
    header: 'Role',
    cell: (info) => <Badge variant="light">{info.getValue()}</Badge>,
  }),
];

export function AccountUsersPage() {
  const account = useCurrentAccount();
  const users = useAccountUsers(account.id);
  return (
    <PageLayout title="Users" description={`The people who can sign in to ${account.name}, and their roles.`}>
      {canManageAccountUsers(account) ? (
        <Paper withBorder p="md">
          <PageSection title="Add a user">
            <AddUserForm accountId={account.id} />
          </PageSection>
        </Paper>
      ) : null}
      <PageSection title="People with access">
        <QueryState query={users.query} loadingLabel="Loading users…">
          {() =>
            users.items.length === 0 ? (
              <EmptyState title="No users yet" />
            ) : (
              <Stack gap="md">
                <DataTable
                  caption={`Users of ${account.name}`}
                  data={users.items}
                  columns={columns}
                  getRowId={(user) => user.userId}
                />
                <LoadMore
                  hasMore={users.hasMore}
                  isLoading={users.isLoadingMore}
                  onLoadMore={users.loadMore}
                  shown={users.items.length}
                />
              </Stack>
            )
          }
        </QueryState>
      </PageSection>
    </PageLayout>
  );
}
