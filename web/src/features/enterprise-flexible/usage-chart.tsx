import { Anchor, Group, Text } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DataTable } from '../../components/data-table';
import { EmptyState, QueryState } from '../../components/query-states';
import { usageCsvUrl, type FlexContract, type FlexUsage } from './flex.api';
import { useUsage } from './flex.hooks';
import { createColumnHelper } from '@tanstack/react-table';

const COLORS = ['#12b886', '#228be6', '#7950f2', '#fd7e14', '#e64980', '#fab005'];
type Row = FlexUsage['items'][number];
const column = createColumnHelper<Row>();
const columns = [
  column.accessor('month', { header: 'Month' }),
  column.accessor('productName', { header: 'Product' }),
  column.accessor('drawn', { header: 'Drawn' }),
  column.accessor('returned', { header: 'Returned' }),
  column.accessor('net', { header: 'Net' }),
];

/** Units drawn net of returns per month, one bar segment per product; the same figures as a table and a CSV. */
export function UsageChart({ accountId, contract }: { accountId: string; contract: FlexContract }) {
  const usage = useUsage(accountId, contract.id);
  return (
    <QueryState query={usage} loadingLabel="Loading usage…">
      {() => {
        const rows = usage.data?.items ?? [];
        if (rows.length === 0)
          return <EmptyState title="No usage yet">Usage appears once licenses are drawn down.</EmptyState>;
        const products = [...new Set(rows.map((r) => r.productSku))];
        const months = [...new Set(rows.map((r) => r.month))].map((month) => ({
          month,
          ...Object.fromEntries(rows.filter((r) => r.month === month).map((r) => [r.productSku, r.net])),
        }));
        return (
          <>
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                Net units drawn per month (draw-downs less returns).
              </Text>
              <Anchor href={usageCsvUrl(accountId, contract.id)} size="sm" download>
                Download usage as CSV
              </Anchor>
            </Group>
            <div
              role="img"
              aria-label={`Usage of ${contract.serialNumber} per month and product; the table below has the figures`}
              style={{ width: '100%', height: 260 }}
            >
              <ResponsiveContainer>
                <BarChart data={months}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="month" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  {products.map((sku, i) => (
                    <Bar key={sku} dataKey={sku} stackId="net" fill={COLORS[i % COLORS.length]} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </div>
            <DataTable
              caption="Usage per month and product"
              data={rows}
              columns={columns}
              getRowId={(r) => `${r.month}-${r.productSku}`}
            />
          </>
        );
      }}
    </QueryState>
  );
}
