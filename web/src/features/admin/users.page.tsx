import { Badge, Group, Paper, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import type { AdminUser } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { PageLayout, PageSection } from '../../components/page-layout';
import { PagedTable } from '../../components/paged-table';
import { SearchInput } from '../../components/search-input';
import { canAdministerPortal } from '../auth/permissions';
import { useSession } from '../auth/require-session';
import { useAdminUsers } from './admin.hooks';
import { CreateUserForm } from './create-user-form';

const column = createColumnHelper<AdminUser>();
const columns = [
  column.accessor('name', { header: 'Name' }),
  column.accessor('email', { header: 'E-mail' }),
  column.accessor('memberships', {
    header: 'Memberships',
    cell: (info) =>
      info.getValue().length === 0 ? (
        <Text size="sm" c="dimmed">
          None
        </Text>
      ) : (
        <Group gap={4}>
          {info.getValue().map((m) => (
            <Badge key={m.accountId} variant="light" tt="none">
              {m.accountName}: {m.role}
            </Badge>
          ))}
        </Group>
      ),
  }),
  column.accessor('createdAt', { header: 'Created', cell: (info) => formatDateTime(info.getValue()) }),
];

export function AdminUsersPage() {
  const me = useSession();
  const [q, setQ] = useState('');
  const users = useAdminUsers(q);
  return (
    <PageLayout
      title="Users"
      description="Everyone who can sign in to the portal, and the accounts they belong to."
    >
      {canAdministerPortal(me) ? (
        <Paper withBorder p="md">
          <PageSection title="New user">
            <CreateUserForm />
          </PageSection>
        </Paper>
      ) : null}
      <PageSection title="All users">
        <SearchInput label="Search users" placeholder="Name or e-mail" onSearch={setQ} />
        <PagedTable
          list={users}
          caption="Users"
          columns={columns}
          getRowId={(u) => u.id}
          loadingLabel="Loading users…"
          emptyTitle={q ? 'No user matches' : 'No users yet'}
          minWidth={760}
        />
      </PageSection>
    </PageLayout>
  );
}
