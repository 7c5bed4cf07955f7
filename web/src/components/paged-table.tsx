import { Stack } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import type { usePagedList } from '../api/use-paged-list';
import { DataTable } from './data-table';
import { LoadMore } from './load-more';
import { EmptyState, QueryState } from './query-states';

interface PagedTableProps<Row> {
  /** The list from `usePagedList`. */
  list: ReturnType<typeof usePagedList<Row>>;
  caption: string;
  // As DataTable's: column value types differ per column.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: Array<ColumnDef<Row, any>>;
  getRowId: (row: Row) => string;
  loadingLabel: string;
  /** What an empty list says, e.g. "No orders yet". */
  emptyTitle: string;
  minWidth?: number;
}

/** A paged list as a table: its loading and error states, an empty state, the rows and "Load more". */
export function PagedTable<Row>({
  list,
  caption,
  columns,
  getRowId,
  loadingLabel,
  emptyTitle,
  minWidth,
}: PagedTableProps<Row>) {
  return (
    <QueryState query={list.query} loadingLabel={loadingLabel}>
      {() =>
        list.items.length === 0 ? (
          <EmptyState title={emptyTitle} />
        ) : (
          <Stack gap="md">
            <DataTable
              caption={caption}
              data={list.items}
              columns={columns}
              getRowId={getRowId}
              minWidth={minWidth}
            />
            <LoadMore list={list} />
          </Stack>
        )
      }
    </QueryState>
  );
}
