import { Badge, Card, Group, RingProgress, SimpleGrid, Stack, Text } from '@mantine/core';
import type { FlexPool } from './flex.api';

/** One gauge per product: how much of the pool is left to draw down. */
export function PoolGauges({ pools }: { pools: FlexPool[] }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
      {pools.map((pool) => (
        <PoolGauge key={pool.productSku} pool={pool} />
      ))}
    </SimpleGrid>
  );
}

function PoolGauge({ pool }: { pool: FlexPool }) {
  const left = pool.units === 0 ? 0 : Math.round((pool.remaining / pool.units) * 100);
  const color = pool.remaining === 0 ? 'red' : left <= 20 ? 'orange' : 'teal';
  return (
    <Card
      withBorder
      padding="md"
      aria-label={`${pool.productName} pool`}
      data-testid={`pool-${pool.productSku}`}
    >
      <Group wrap="nowrap" gap="md">
        <RingProgress
          size={92}
          thickness={10}
          roundCaps
          sections={[{ value: left, color }]}
          label={
            <Text ta="center" fw={700} size="sm" aria-hidden>
              {left}%
            </Text>
          }
        />
        <Stack gap={2}>
          <Text fw={600}>{pool.productName}</Text>
          <Text size="sm" c="dimmed">
            {pool.productSku}
          </Text>
          <Text size="sm" data-testid="pool-remaining">
            {pool.remaining} of {pool.units} {plural(pool.unit, pool.units)} left
          </Text>
          {pool.nodeLocked ? (
            <Badge variant="light" size="sm" title="A draw-down of this product needs the host ID">
              node-locked
            </Badge>
          ) : null}
        </Stack>
      </Group>
    </Card>
  );
}

export function plural(unit: string, count: number): string {
  return count === 1 || unit === 'TB' ? unit : `${unit}s`;
}
