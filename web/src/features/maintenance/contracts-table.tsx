import { Anchor, Stack, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { DataTable } from '../../components/data-table';
import { formatDate } from '../../components/format';
import { LoadMore } from '../../components/load-more';
import { EmptyState, QueryState } from '../../components/query-states';
import { ContractStateBadge, describeDaysLeft, describeStage } from './contract-state';
import { contractFileUrl, type MaintenanceContract } from './maintenance.api';
import { useContracts } from './maintenance.hooks';

const column = createColumnHelper<MaintenanceContract>();

/** The account's maintenance contracts, soonest end first, with a download of each signed contract file. */
export function ContractsTable({ accountId }: { accountId: string }) {
  const contracts = useContracts(accountId);
  const columns = [
    column.accessor('serialNumber', {
      header: 'Serial number',
      cell: (info) => (
        <Text ff="monospace" size="sm">
          {info.getValue()}
        </Text>
      ),
    }),
    column.accessor((c) => c.product.name, { id: 'product', header: 'Product' }),
    column.accessor('endsAt', { header: 'Ends', cell: (info) => formatDate(info.getValue()) }),
    column.accessor('daysLeft', {
      header: 'Days left',
      cell: (info) => (info.row.original.state === 'renewed' ? '—' : describeDaysLeft(info.getValue())),
    }),
    column.accessor('state', {
      header: 'State',
      cell: (info) => (
        <Stack gap={2}>
          <ContractStateBadge state={info.getValue()} />
          {info.row.original.renewedBySerialNumber ? (
            <Text size="xs" c="dimmed">
              by {info.row.original.renewedBySerialNumber}
            </Text>
          ) : null}
        </Stack>
      ),
    }),
    column.accessor('nextReminder', {
      header: 'Next reminder',
      cell: (info) => {
        const next = info.getValue();
        return next ? `${formatDate(next.dueOn)} (${describeStage(next.stage)})` : '—';
      },
    }),
    column.display({
      id: 'file',
      header: 'Contract file',
      cell: ({ row }) => (
        <Anchor
          href={contractFileUrl(accountId, row.original.serialNumber)}
          download
          size="sm"
          aria-label={`Download the signed contract file of ${row.original.serialNumber}`}
        >
          Download
        </Anchor>
      ),
    }),
  ];
  return (
    <QueryState query={contracts.query} loadingLabel="Loading contracts…">
      {() =>
        contracts.items.length === 0 ? (
          <EmptyState title="No maintenance contracts">
            Contracts appear here when an order with a maintenance term is recorded for this account.
          </EmptyState>
        ) : (
          <Stack gap="sm">
            <DataTable
              caption="Maintenance contracts, soonest end first"
              data={contracts.items}
              columns={columns}
              getRowId={(c) => c.id}
              minWidth={860}
            />
            <LoadMore list={contracts} />
          </Stack>
        )
      }
    </QueryState>
  );
}
