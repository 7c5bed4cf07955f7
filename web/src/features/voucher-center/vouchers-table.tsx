import { Badge, Code, SegmentedControl, Stack } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { DataTable } from '../../components/data-table';
import { formatDateTime } from '../../components/format';
import { LoadMore } from '../../components/load-more';
import { EmptyState, QueryState } from '../../components/query-states';
import type { Voucher, VoucherState } from './vouchers.api';
import { useVouchers } from './vouchers.hooks';

const STATE_COLORS: Record<VoucherState, string> = {
  available: 'teal',
  redeemed: 'blue',
  expired: 'gray',
  void: 'red',
};
const FILTERS = ['all', 'available', 'redeemed', 'expired', 'void'] as const;
const column = createColumnHelper<Voucher>();
const columns = [
  column.accessor('code', { header: 'Code', cell: (c) => <Code>{c.getValue()}</Code> }),
  column.accessor('productName', { header: 'Product' }),
  column.accessor('state', {
    header: 'State',
    cell: (c) => (
      <Badge variant="light" color={STATE_COLORS[c.getValue()]}>
        {c.getValue()}
      </Badge>
    ),
  }),
  column.accessor('expiresAt', { header: 'Redeem until' }),
  column.accessor((v) => v.endCustomer?.name ?? '—', { id: 'endCustomer', header: 'End customer' }),
];

/** Every voucher of the OEM with its state, filtered by state. */
export function VouchersTable({ accountId }: { accountId: string }) {
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('all');
  const vouchers = useVouchers(accountId, filter === 'all' ? undefined : filter);
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Show vouchers"
        value={filter}
        onChange={(v) => setFilter(v as typeof filter)}
        data={FILTERS.map((f) => ({ value: f, label: f }))}
      />
      <QueryState query={vouchers.query} loadingLabel="Loading vouchers…">
        {() =>
          vouchers.items.length === 0 ? (
            <EmptyState title={filter === 'all' ? 'No vouchers' : `No ${filter} vouchers`} />
          ) : (
            <>
              <DataTable caption="Vouchers" data={vouchers.items} columns={columns} getRowId={(v) => v.id} />
              <LoadMore list={vouchers} />
            </>
          )
        }
      </QueryState>
    </Stack>
  );
}

const conversionColumns = [
  column.accessor('redeemedAt', { header: 'Converted', cell: (c) => formatDateTime(c.getValue()) }),
  column.accessor('code', { header: 'Voucher', cell: (c) => <Code>{c.getValue()}</Code> }),
  column.accessor((v) => v.endCustomer?.name ?? '—', { id: 'endCustomer', header: 'End customer' }),
  column.accessor('productName', { header: 'Product' }),
  column.accessor('licenseKey', { header: 'License key', cell: (c) => <Code>{c.getValue() ?? '—'}</Code> }),
  column.accessor('redeemedBy', { header: 'By' }),
];

/** The conversions the OEM made: which voucher became which end customer's license. */
export function ConversionHistory({ accountId }: { accountId: string }) {
  const conversions = useVouchers(accountId, 'redeemed');
  return (
    <QueryState query={conversions.query} loadingLabel="Loading conversions…">
      {() =>
        conversions.items.length === 0 ? (
          <EmptyState title="No conversions yet">
            Vouchers you redeem appear here with their end customer and license.
          </EmptyState>
        ) : (
          <>
            <DataTable
              caption="Conversion history"
              data={conversions.items}
              columns={conversionColumns}
              getRowId={(v) => v.id}
              minWidth={860}
            />
            <LoadMore list={conversions} />
          </>
        )
      }
    </QueryState>
  );
}
