import { Anchor, Paper, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { Link } from 'react-router';
import type { AdminAccount } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { PageLayout, PageSection } from '../../components/page-layout';
import { PagedTable } from '../../components/paged-table';
import { SearchInput } from '../../components/search-input';
import { canAdministerPortal } from '../auth/permissions';
import { useSession } from '../auth/require-session';
import { accountPath } from '../shell/navigation';
import { useAdminAccounts } from './admin.hooks';
import { CreateAccountForm } from './create-account-form';

const column = createColumnHelper<AdminAccount>();
const columns = [
  column.accessor('name', {
    header: 'Name',
    cell: ({ row }) => (
      <Anchor component={Link} to={accountPath(row.original.id, 'get-a-key')}>
        {row.original.name}
      </Anchor>
    ),
  }),
  column.accessor('kind', {
    header: 'Kind',
    cell: (info) => (
      <Text size="sm" tt="capitalize">
        {info.getValue()}
      </Text>
    ),
  }),
  column.accessor('id', { header: 'Account ID' }),
  column.accessor('createdAt', { header: 'Created', cell: (info) => formatDateTime(info.getValue()) }),
];

export function AdminAccountsPage() {
  const me = useSession();
  const [q, setQ] = useState('');
  const accounts = useAdminAccounts(q);
  return (
    <PageLayout title="Accounts" description="Every customer, partner and OEM account of the portal.">
      {canAdministerPortal(me) ? (
        <Paper withBorder p="md">
          <PageSection title="New account">
            <CreateAccountForm />
          </PageSection>
        </Paper>
      ) : null}
      <PageSection title="All accounts">
        <SearchInput label="Search accounts" placeholder="Name or ID" onSearch={setQ} />
        <PagedTable
          list={accounts}
          caption="Accounts"
          columns={columns}
          getRowId={(a) => a.id}
          loadingLabel="Loading accounts…"
          emptyTitle={q ? 'No account matches' : 'No accounts yet'}
        />
      </PageSection>
    </PageLayout>
  );
}
