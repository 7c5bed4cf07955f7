import { Badge, Paper } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import type { AccountUser } from '../../api/types';
import { PageLayout, PageSection } from '../../components/page-layout';
import { PagedTable } from '../../components/paged-table';
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
        <PagedTable
          list={users}
          caption={`Users of ${account.name}`}
          columns={columns}
          getRowId={(user) => user.userId}
          loadingLabel="Loading users…"
          emptyTitle="No users yet"
        />
      </PageSection>
    </PageLayout>
  );
}
