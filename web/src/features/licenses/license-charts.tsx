import { SimpleGrid, Stack, Text } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { QueryState } from '../../components/query-states';
import type { LicenseQuery } from './licenses.api';
import { useLicenseSummary } from './licenses.hooks';

/** Licenses of the filtered list by product and by expiry month; each chart has its figures for screen readers. */
export function LicenseCharts({ accountId, query }: { accountId: string; query: LicenseQuery }) {
  const summary = useLicenseSummary(accountId, query);
  return (
    <QueryState query={summary} loadingLabel="Counting licenses…">
      {() => {
        const data = summary.data!;
        const byProduct = data.byProduct.slice(0, 12).map((p) => ({ name: `${p.sku}`, count: p.count }));
        const byMonth = data.byExpiryMonth.map((m) => ({ name: m.month === 'never' ? 'Never' : m.month, count: m.count }));
        return (
          <Stack gap="xs">
            <Text size="sm" c="dimmed" data-testid="license-total">
              {data.total.toLocaleString()} {data.total === 1 ? 'license' : 'licenses'} in this list
            </Text>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Chart title="By product" data={byProduct} color="#228be6" />
              <Chart title="By expiry month" data={byMonth} color="#fd7e14" />
            </SimpleGrid>
          </Stack>
        );
      }}
    </QueryState>
  );
}

function Chart({ title, data, color }: { title: string; data: { name: string; count: number }[]; color: string }) {
  const summary = data.map((d) => `${d.name}: ${d.count}`).join(', ');
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {title}
      </Text>
      <div role="img" aria-label={`Licenses ${title.toLowerCase()}: ${summary || 'none'}`} style={{ width: '100%', height: 200 }}>
        <ResponsiveContainer>
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="count" name="Licenses" fill={color} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </Stack>
  );
}
