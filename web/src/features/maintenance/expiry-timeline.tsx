import { Text } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { EmptyState, QueryState } from '../../components/query-states';
import type { MaintenanceContract } from './maintenance.api';
import { useUpcomingContracts } from './maintenance.hooks';

const MONTHS = 12;

/** Contracts ending in each of the next twelve months, split into those inside and beyond the 90-day window. */
export function expiriesByMonth(
  contracts: MaintenanceContract[],
  today: Date,
): { month: string; expiring: number; later: number }[] {
  const months = Array.from({ length: MONTHS }, (_, i) => {
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + i, 1));
    return { month: d.toISOString().slice(0, 7), expiring: 0, later: 0 };
  });
  for (const c of contracts) {
    if (c.state === 'renewed' || c.daysLeft < 0) continue;
    const bucket = months.find((m) => m.month === c.endsAt.slice(0, 7));
    if (!bucket) continue;
    if (c.state === 'expiring') bucket.expiring++;
    else bucket.later++;
  }
  return months;
}

export function ExpiryTimeline({ accountId }: { accountId: string }) {
  const upcoming = useUpcomingContracts(accountId);
  return (
    <QueryState query={upcoming} loadingLabel="Loading the timeline…">
      {() => {
        const data = expiriesByMonth(upcoming.data?.items ?? [], new Date());
        const total = data.reduce((n, m) => n + m.expiring + m.later, 0);
        if (total === 0) return <EmptyState title="Nothing ends in the next twelve months" />;
        return (
          <>
            <Text size="sm" c="dimmed">
              Contracts ending per month over the next twelve months; orange ones are within 90 days of their
              end.
            </Text>
            <div
              role="img"
              aria-label={`${total} contracts end in the next twelve months; the contracts table lists each one`}
              style={{ width: '100%', height: 240 }}
            >
              <ResponsiveContainer>
                <BarChart data={data}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="month" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  <Bar dataKey="expiring" name="Within 90 days" stackId="ends" fill="#fd7e14" />
                  <Bar dataKey="later" name="Later" stackId="ends" fill="#12b886" />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </>
        );
      }}
    </QueryState>
  );
}
