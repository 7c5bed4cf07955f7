import { Paper, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import type { AccountAccess, Delegation } from '../../api/types';
import { ConfirmAction } from '../../components/confirm-action';
import { DataTable } from '../../components/data-table';
import { formatDateTime } from '../../components/format';
import { PageLayout, PageSection } from '../../components/page-layout';
import { EmptyState, QueryState } from '../../components/query-states';
import { canManageDelegations } from '../auth/permissions';
import { useCurrentAccount } from '../shell/account-context';
import { useDelegations, useRevokeDelegation } from './account-settings.hooks';
import { GrantDelegationForm } from './grant-delegation-form';

export function DelegationsPage() {
  const account = useCurrentAccount();
  const delegations = useDelegations(account.id);
  const canManage = canManageDelegations(account);
  return (
    <PageLayout
      title="Partner delegations"
      description="A channel partner you delegate to can manage licenses for this account on your behalf. Every action it takes is recorded with both names."
    >
      {canManage ? (
        <Paper withBorder p="md">
          <GrantDelegationForm accountId={account.id} />
        </Paper>
      ) : (
        <Text size="sm" c="dimmed">
          Only an admin of {account.name} can grant or revoke partner access.
        </Text>
      )}
      <PageSection title="Partners with access">
        <QueryState query={delegations} loadingLabel="Loading delegations…">
          {() =>
            delegations.data && delegations.data.length > 0 ? (
              <DelegationTable account={account} delegations={delegations.data} canManage={canManage} />
            ) : (
              <EmptyState title="No partner has access">
                Partners you delegate to will be listed here.
              </EmptyState>
            )
          }
        </QueryState>
      </PageSection>
    </PageLayout>
  );
}

function DelegationTable({
  account,
  delegations,
  canManage,
}: {
  account: AccountAccess;
  delegations: Delegation[];
  canManage: boolean;
}) {
  const revoke = useRevokeDelegation(account.id);
  const column = createColumnHelper<Delegation>();
  const columns = [
    column.accessor('partnerName', { header: 'Partner' }),
    column.accessor('partnerAccountId', { header: 'Account ID' }),
    column.accessor('source', {
      header: 'Granted by',
      cell: (info) => (info.getValue() === 'order' ? 'An order sold through the partner' : 'Your admin'),
    }),
    column.accessor('grantedAt', { header: 'Since', cell: (info) => formatDateTime(info.getValue()) }),
    column.display({
      id: 'actions',
      header: 'Actions',
      cell: ({ row }) =>
        canManage ? (
          <ConfirmAction
            label="Revoke"
            ariaLabel={`Revoke access of ${row.original.partnerName}`}
            title="Revoke partner access?"
            message={`${row.original.partnerName} will no longer be able to act for ${account.name}. You can grant access again later.`}
            confirmLabel="Revoke access"
            onConfirm={() => revoke.mutateAsync(row.original.partnerAccountId)}
          />
        ) : null,
    }),
  ];
  return (
    <DataTable
      caption={`Partners delegated to ${account.name}`}
      data={delegations}
      columns={columns}
      getRowId={(d) => d.partnerAccountId}
    />
  );
}
