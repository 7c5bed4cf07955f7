import { Anchor, Group } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { DataTable } from '../../components/data-table';
import { formatDate } from '../../components/format';
import { LoadMore } from '../../components/load-more';
import { EmptyState, QueryState } from '../../components/query-states';
import { batchFileUrl, type VoucherBatch } from './vouchers.api';
import { useBatches } from './vouchers.hooks';

const column = createColumnHelper<VoucherBatch>();

/** The OEM's batches with how many vouchers are in each state, and the sheet and spreadsheet of each. */
export function BatchesTable({ accountId }: { accountId: string }) {
  const batches = useBatches(accountId);
  const columns = [
    column.accessor('createdAt', { header: 'Made', cell: (c) => formatDate(c.getValue()) }),
    column.accessor('productName', { header: 'Product' }),
    column.accessor('count', { header: 'Vouchers' }),
    column.accessor((b) => b.counts.available, { id: 'available', header: 'Available' }),
    column.accessor((b) => b.counts.redeemed, { id: 'redeemed', header: 'Redeemed' }),
    column.accessor((b) => b.counts.expired, { id: 'expired', header: 'Expired' }),
    column.accessor((b) => b.counts.void, { id: 'void', header: 'Void' }),
    column.accessor('expiresAt', { header: 'Redeem until' }),
    column.display({
      id: 'files',
      header: 'Files',
      cell: ({ row }) => (
        <Group gap="xs">
          <Anchor
            size="sm"
            href={batchFileUrl(accountId, row.original.id, 'pdf')}
            aria-label={`Batch sheet of ${row.original.productName} (PDF)`}
          >
            PDF
          </Anchor>
          <Anchor
            size="sm"
            href={batchFileUrl(accountId, row.original.id, 'csv')}
            aria-label={`Vouchers of ${row.original.productName} (CSV)`}
          >
            CSV
          </Anchor>
        </Group>
      ),
    }),
  ];
  return (
    <QueryState query={batches.query} loadingLabel="Loading batches…">
      {() =>
        batches.items.length === 0 ? (
          <EmptyState title="No voucher batches">
            Batches the vendor makes for this account appear here.
          </EmptyState>
        ) : (
          <>
            <DataTable
              caption="Voucher batches"
              data={batches.items}
              columns={columns}
              getRowId={(b) => b.id}
              minWidth={820}
            />
            <LoadMore list={batches} />
          </>
        )
      }
    </QueryState>
  );
}
