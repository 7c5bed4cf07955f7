import { Badge, Stack, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import type { AccountAccess } from '../../api/types';
import { ConfirmAction } from '../../components/confirm-action';
import { DataTable } from '../../components/data-table';
import { formatDateTime } from '../../components/format';
import { LoadMore } from '../../components/load-more';
import { PageSection } from '../../components/page-layout';
import { EmptyState, QueryState } from '../../components/query-states';
import type { Activation } from './fileconnect.api';
import { useActivations, useDeactivate } from './fileconnect.hooks';
import { OfflineActivationForm } from './offline-activation-form';

/** Members (and partners acting for the account) free seats and activate offline; viewers read. */
const canOperate = (account: AccountAccess) => account.role === 'admin' || account.role === 'member';

/**
 * The hosts holding a seat of one license, for the license page: deactivate frees a seat, and a
 * product that cannot reach the portal is activated by uploading its request file.
 */
export function LicenseActivations({ account, licenseId }: { account: AccountAccess; licenseId: string }) {
  const activations = useActivations(account.id, licenseId);
  const mayOperate = canOperate(account);
  return (
    <PageSection title="Activations">
      <Stack gap="md">
        <QueryState query={activations.query} loadingLabel="Loading activations…">
          {() =>
            activations.items.length === 0 ? (
              <EmptyState title="No host is activated">
                Products activate themselves with the license key, or offline below.
              </EmptyState>
            ) : (
              <>
                <ActivationTable
                  account={account}
                  licenseId={licenseId}
                  rows={activations.items}
                  mayOperate={mayOperate}
                />
                <LoadMore list={activations} />
              </>
            )
          }
        </QueryState>
        {mayOperate ? (
          <OfflineActivationForm accountId={account.id} licenseId={licenseId} />
        ) : (
          <Text size="sm" c="dimmed">
            Your role in {account.name} lets you see activations but not change them.
          </Text>
        )}
      </Stack>
    </PageSection>
  );
}

function ActivationTable({
  account,
  licenseId,
  rows,
  mayOperate,
}: {
  account: AccountAccess;
  licenseId: string;
  rows: Activation[];
  mayOperate: boolean;
}) {
  const deactivate = useDeactivate(account.id, licenseId);
  const column = createColumnHelper<Activation>();
  const columns = [
    column.accessor('hostId', {
      header: 'Host ID',
      cell: (info) => (
        <Text size="sm" ff="monospace">
          {info.getValue()}
        </Text>
      ),
    }),
    column.accessor('hostName', { header: 'Host name', cell: (info) => info.getValue() ?? '—' }),
    column.accessor('source', {
      header: 'How',
      cell: (info) => (
        <Badge variant="light" color={info.getValue() === 'online' ? 'blue' : 'grape'}>
          {info.getValue() === 'online' ? 'Online' : 'Offline file'}
        </Badge>
      ),
    }),
    column.accessor('activatedAt', { header: 'Activated', cell: (info) => formatDateTime(info.getValue()) }),
    ...(mayOperate
      ? [
          column.display({
            id: 'actions',
            header: 'Actions',
            cell: ({ row }) => (
              <ConfirmAction
                label="Deactivate"
                ariaLabel={`Deactivate host ${row.original.hostId}`}
                title="Deactivate this host?"
                message={`The product on ${row.original.hostName ?? row.original.hostId} loses its seat; the seat can be used by another host.`}
                confirmLabel="Deactivate"
                onConfirm={() => deactivate.mutateAsync(row.original.id)}
              />
            ),
          }),
        ]
      : []),
  ];
  return (
    <DataTable
      caption="Hosts holding a seat of this license"
      data={rows}
      columns={columns}
      getRowId={(row) => row.id}
    />
  );
}
