import { Button, Stack } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import type { OutboxMessage } from '../../api/types';
import { DataTable } from '../../components/data-table';
import { formatDateTime } from '../../components/format';
import { LoadMore } from '../../components/load-more';
import { PageLayout } from '../../components/page-layout';
import { EmptyState, QueryState } from '../../components/query-states';
import { useOutbox } from './admin.hooks';
import { OutboxMessageModal } from './outbox-message-modal';
import { OutboxStatusBadge } from './outbox-status-badge';

const column = createColumnHelper<OutboxMessage>();

export function AdminOutboxPage() {
  const outbox = useOutbox();
  const [open, setOpen] = useState<OutboxMessage | null>(null);
  const columns = [
    column.accessor('createdAt', { header: 'Queued', cell: (info) => formatDateTime(info.getValue()) }),
    column.accessor('to', { header: 'To' }),
    column.accessor('subject', { header: 'Subject' }),
    column.accessor('status', {
      header: 'Status',
      cell: (info) => <OutboxStatusBadge status={info.getValue()} />,
    }),
    column.accessor('attempts', { header: 'Attempts' }),
    column.display({
      id: 'view',
      header: 'Message',
      cell: ({ row }) => (
        <Button
          size="xs"
          variant="light"
          onClick={() => setOpen(row.original)}
          aria-label={`View message “${row.original.subject}” to ${row.original.to}`}
        >
          View
        </Button>
      ),
    }),
  ];
  return (
    <PageLayout
      title="Outbox"
      description="Every e-mail the portal sends, in the order it was queued. Without an SMTP server, messages stay here to be read."
      actions={
        <Button
          variant="default"
          onClick={() => void outbox.query.refetch()}
          loading={outbox.query.isRefetching}
        >
          Refresh
        </Button>
      }
    >
      <QueryState query={outbox.query} loadingLabel="Loading the outbox…">
        {() =>
          outbox.items.length === 0 ? (
            <EmptyState title="The outbox is empty">No e-mail has been queued yet.</EmptyState>
          ) : (
            <Stack gap="md">
              <DataTable
                caption="Outbox messages"
                data={outbox.items}
                columns={columns}
                getRowId={(m) => m.id}
                minWidth={860}
              />
              <LoadMore list={outbox} />
            </Stack>
          )
        }
      </QueryState>
      <OutboxMessageModal message={open} onClose={() => setOpen(null)} />
    </PageLayout>
  );
}
