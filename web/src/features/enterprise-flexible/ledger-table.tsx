import { Badge, Button, Code } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { DataTable } from '../../components/data-table';
import { formatDateTime } from '../../components/format';
import { LoadMore } from '../../components/load-more';
import { EmptyState, QueryState } from '../../components/query-states';
import type { FlexContract, FlexLedgerEntry } from './flex.api';
import { useLedger } from './flex.hooks';
import { ReturnUnitsModal } from './return-units-modal';

const column = createColumnHelper<FlexLedgerEntry>();

/** Every draw-down and return of the contract, newest first; a license still held can give units back. */
export function LedgerTable({
  accountId,
  contract,
  canOperate,
}: {
  accountId: string;
  contract: FlexContract;
  canOperate: boolean;
}) {
  const ledger = useLedger(accountId, contract.id);
  const [returning, setReturning] = useState<FlexLedgerEntry | null>(null);
  const columns = [
    column.accessor('at', { header: 'When', cell: (c) => formatDateTime(c.getValue()) }),
    column.accessor('kind', {
      header: 'What',
      cell: (c) =>
        c.getValue() === 'draw_down' ? (
          <Badge variant="light" style={{ overflow: 'visible' }}>
            drawn
          </Badge>
        ) : (
          <Badge variant="light" color="grape" style={{ overflow: 'visible' }}>
            returned
          </Badge>
        ),
    }),
    column.accessor('productSku', { header: 'Product' }),
    column.accessor('quantity', { header: 'Units' }),
    column.accessor('hostId', { header: 'Host ID', cell: (c) => c.getValue() ?? '—' }),
    column.accessor('by', { header: 'By' }),
    column.display({
      id: 'license',
      header: 'License held',
      cell: ({ row }) => (row.original.returnable ? <Code>{row.original.returnable.licenseKey}</Code> : '—'),
    }),
    ...(canOperate && contract.state === 'active'
      ? [
          column.display({
            id: 'return',
            header: 'Return',
            cell: ({ row }) =>
              row.original.returnable ? (
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setReturning(row.original)}
                  aria-label={`Return units of ${row.original.returnable.licenseKey}`}
                >
                  Return units…
                </Button>
              ) : null,
          }),
        ]
      : []),
  ];
  return (
    <QueryState query={ledger.query} loadingLabel="Loading draw-downs…">
      {() =>
        ledger.items.length === 0 ? (
          <EmptyState title="Nothing drawn down yet">
            Licenses you draw down from this contract are listed here.
          </EmptyState>
        ) : (
          <>
            <DataTable
              caption={`Draw-downs and returns of ${contract.serialNumber}`}
              data={ledger.items}
              columns={columns}
              getRowId={(e) => e.id}
              minWidth={860}
            />
            <LoadMore list={ledger} />
            {returning?.returnable ? (
              <ReturnUnitsModal
                accountId={accountId}
                contractId={contract.id}
                license={returning.returnable}
                productSku={returning.productSku}
                onClose={() => setReturning(null)}
              />
            ) : null}
          </>
        )
      }
    </QueryState>
  );
}
