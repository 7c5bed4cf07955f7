import { Code, Paper, Stack, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useSearchParams } from 'react-router';
import type { AuditEntry } from '../../api/types';
import { DataTable } from '../../components/data-table';
import { formatDateTime } from '../../components/format';
import { LoadMore } from '../../components/load-more';
import { PageLayout, PageSection } from '../../components/page-layout';
import { EmptyState, QueryState } from '../../components/query-states';
import { useAuditLog } from './admin.hooks';
import { AuditDataButton } from './audit-data-button';
import { AuditFilterForm } from './audit-filter-form';
import { auditFiltersFromParams, auditFiltersToParams } from './audit-filters';

const column = createColumnHelper<AuditEntry>();
const nowrap = { whiteSpace: 'nowrap' } as const;
const columns = [
  column.accessor('at', {
    header: 'When',
    cell: (info) => <span style={nowrap}>{formatDateTime(info.getValue())}</span>,
  }),
  column.accessor('actorEmail', {
    header: 'Who',
    cell: ({ row }) =>
      row.original.actorEmail ??
      row.original.actorUserId ??
      (row.original.actorTokenId ? `token ${row.original.actorTokenId}` : 'System'),
  }),
  column.accessor('action', {
    header: 'Action',
    cell: (info) => <Code style={nowrap}>{info.getValue()}</Code>,
  }),
  column.accessor('accountId', {
    header: 'Account',
    cell: ({ row }) => (
      <Stack gap={0}>
        <Text size="sm">{row.original.accountId ?? '—'}</Text>
        {row.original.partnerAccountId ? (
          <Text size="xs" c="dimmed">
            by partner {row.original.partnerAccountId}
          </Text>
        ) : null}
      </Stack>
    ),
  }),
  column.display({
    id: 'target',
    header: 'Target',
    cell: ({ row }) =>
      row.original.targetType ? (
        <Stack gap={0}>
          <Text size="sm">{row.original.targetType}</Text>
          <Text size="xs" c="dimmed">
            {row.original.targetId}
          </Text>
        </Stack>
      ) : (
        '—'
      ),
  }),
  column.accessor('ip', { header: 'From', cell: (info) => info.getValue() ?? '—' }),
  column.display({
    id: 'data',
    header: 'Details',
    cell: ({ row }) => <AuditDataButton entry={row.original} />,
  }),
];

export function AdminAuditPage() {
  const [params, setParams] = useSearchParams();
  const filters = auditFiltersFromParams(params);
  const audit = useAuditLog(filters);
  return (
    <PageLayout
      title="Audit log"
      description="Every change in the portal: who, acting for which account, what, when and from where."
    >
      <Paper withBorder p="md">
        <AuditFilterForm
          key={params.toString()}
          applied={filters}
          onApply={(next) => setParams(auditFiltersToParams(next))}
        />
      </Paper>
      <PageSection title="Entries">
        <QueryState query={audit.query} loadingLabel="Loading the audit log…">
          {() =>
            audit.items.length === 0 ? (
              <EmptyState title="No entries">Nothing recorded matches these filters.</EmptyState>
            ) : (
              <Stack gap="md">
                <DataTable
                  caption="Audit log entries"
                  data={audit.items}
                  columns={columns}
                  getRowId={(e) => e.id}
                  minWidth={1100}
                />
                <LoadMore list={audit} />
              </Stack>
            )
          }
        </QueryState>
      </PageSection>
    </PageLayout>
  );
}
