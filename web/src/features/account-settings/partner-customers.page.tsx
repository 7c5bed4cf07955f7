import { Anchor, Stack } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import type { PartnerCustomer } from '../../api/types';
import { DataTable } from '../../components/data-table';
import { formatDateTime } from '../../components/format';
import { LoadMore } from '../../components/load-more';
import { PageLayout } from '../../components/page-layout';
import { EmptyState, QueryState } from '../../components/query-states';
import { accountPath } from '../shell/navigation';
import { usePartnerCustomers } from './account-settings.hooks';

const column = createColumnHelper<PartnerCustomer>();
const columns = [
  column.accessor('name', {
    header: 'Customer',
    cell: ({ row }) => (
      <Anchor component={Link} to={accountPath(row.original.accountId, 'get-a-key')}>
        {row.original.name}
      </Anchor>
    ),
  }),
  column.accessor('grantedAt', {
    header: 'Delegated since',
    cell: (info) => formatDateTime(info.getValue()),
  }),
];

export function PartnerCustomersPage() {
  const customers = usePartnerCustomers();
  return (
    <PageLayout
      title="Customers"
      description="Customer accounts that delegated to you. Open one to act on its behalf; keys you obtain are delivered to the customer."
    >
      <QueryState query={customers.query} loadingLabel="Loading customers…">
        {() =>
          customers.items.length === 0 ? (
            <EmptyState title="No customers yet">
              A customer appears here once the vendor records an order sold through you, or its admin grants
              you access.
            </EmptyState>
          ) : (
            <Stack gap="md">
              <DataTable
                caption="Customers you may act for"
                data={customers.items}
                columns={columns}
                getRowId={(c) => c.accountId}
              />
              <LoadMore list={customers} />
            </Stack>
          )
        }
      </QueryState>
    </PageLayout>
  );
}
