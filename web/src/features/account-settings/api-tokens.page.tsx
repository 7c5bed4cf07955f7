import { Badge, Paper, Stack, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import type { AccountAccess, ApiToken, CreatedApiToken } from '../../api/types';
import { ConfirmAction } from '../../components/confirm-action';
import { DataTable } from '../../components/data-table';
import { formatDateTime } from '../../components/format';
import { PageLayout, PageSection } from '../../components/page-layout';
import { EmptyState, QueryState } from '../../components/query-states';
import { canManageApiTokens } from '../auth/permissions';
import { useCurrentAccount } from '../shell/account-context';
import { useApiTokens, useRevokeApiToken } from './account-settings.hooks';
import { CreatedTokenPanel } from './created-token-panel';
import { CreateTokenForm } from './create-token-form';

export function ApiTokensPage() {
  const account = useCurrentAccount();
  const tokens = useApiTokens(account.id);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const canManage = canManageApiTokens(account);
  return (
    <PageLayout
      title="API tokens"
      description="Tokens let programs such as the Renewal Assistant use the portal's API for this account."
    >
      {canManage ? (
        <Paper withBorder p="md">
          <Stack gap="md">
            {created ? <CreatedTokenPanel token={created} onDismiss={() => setCreated(null)} /> : null}
            <CreateTokenForm accountId={account.id} onCreated={setCreated} />
          </Stack>
        </Paper>
      ) : (
        <Text size="sm" c="dimmed">
          Your role in {account.name} lets you see tokens but not create or revoke them.
        </Text>
      )}
      <PageSection title="Tokens">
        <QueryState query={tokens} loadingLabel="Loading tokens…">
          {() =>
            tokens.data && tokens.data.length > 0 ? (
              <TokenTable account={account} tokens={tokens.data} canManage={canManage} />
            ) : (
              <EmptyState title="No tokens yet">
                Create one above to connect a program to this account.
              </EmptyState>
            )
          }
        </QueryState>
      </PageSection>
    </PageLayout>
  );
}

function TokenTable({
  account,
  tokens,
  canManage,
}: {
  account: AccountAccess;
  tokens: ApiToken[];
  canManage: boolean;
}) {
  const revoke = useRevokeApiToken(account.id);
  const column = createColumnHelper<ApiToken>();
  const columns = [
    column.accessor('name', { header: 'Name' }),
    column.accessor('role', { header: 'Role' }),
    column.accessor('createdAt', { header: 'Created', cell: (info) => formatDateTime(info.getValue()) }),
    column.accessor('lastUsedAt', {
      header: 'Last used',
      cell: (info) => (info.getValue() ? formatDateTime(info.getValue()) : 'Never'),
    }),
    column.display({
      id: 'state',
      header: 'State',
      cell: ({ row }) =>
        row.original.revokedAt ? (
          <Badge color="gray" variant="light">
            Revoked {formatDateTime(row.original.revokedAt)}
          </Badge>
        ) : (
          <Badge color="green" variant="light">
            Active
          </Badge>
        ),
    }),
    column.display({
      id: 'actions',
      header: 'Actions',
      cell: ({ row }) =>
        canManage && !row.original.revokedAt ? (
          <ConfirmAction
            label="Revoke"
            ariaLabel={`Revoke token ${row.original.name}`}
            title="Revoke this token?"
            message={`Programs using “${row.original.name}” stop working at once. This cannot be undone.`}
            confirmLabel="Revoke token"
            onConfirm={() => revoke.mutateAsync(row.original.id)}
          />
        ) : null,
    }),
  ];
  return (
    <DataTable
      caption={`API tokens of ${account.name}`}
      data={tokens}
      columns={columns}
      getRowId={(t) => t.id}
    />
  );
}
