import { Badge, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { PageLayout, PageSection } from '../../components/page-layout';
import { EmptyState, QueryState } from '../../components/query-states';
import { canOperateLicenses } from '../auth/permissions';
import { useCurrentAccount } from '../shell/account-context';
import { DrawDownForm } from './draw-down-form';
import type { FlexContract } from './flex.api';
import { useFlexContracts } from './flex.hooks';
import { LedgerTable } from './ledger-table';
import { PoolGauges } from './pool-gauges';
import { UsageChart } from './usage-chart';

const STATE_COLORS = { active: 'teal', scheduled: 'blue', ended: 'gray' } as const;

/** Enterprise Flexible (SPEC §8): the pools of the account's contracts, draw-downs, returns and usage. */
export function EnterpriseFlexiblePage() {
  const account = useCurrentAccount();
  const contracts = useFlexContracts(account.id);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <PageLayout
      title="Enterprise Flexible"
      description="Draw licenses down from the pools of your Enterprise Flexible contracts (E…) during their term, and return units from licenses you retire."
    >
      <QueryState query={contracts.query} loadingLabel="Loading contracts…">
        {() => {
          if (contracts.items.length === 0)
            return (
              <EmptyState title="No Enterprise Flexible contract">
                Contracts the vendor records for this account appear here with their pools.
              </EmptyState>
            );
          const contract =
            contracts.items.find((c) => c.id === chosen) ??
            contracts.items.find((c) => c.state === 'active') ??
            contracts.items[0]!;
          return (
            <Stack gap="xl">
              {contracts.items.length > 1 ? (
                <SegmentedControl
                  aria-label="Contract"
                  value={contract.id}
                  onChange={setChosen}
                  data={contracts.items.map((c) => ({ value: c.id, label: c.serialNumber }))}
                />
              ) : null}
              <ContractView
                accountId={account.id}
                contract={contract}
                canOperate={canOperateLicenses(account)}
              />
            </Stack>
          );
        }}
      </QueryState>
    </PageLayout>
  );
}

function ContractView({
  accountId,
  contract,
  canOperate,
}: {
  accountId: string;
  contract: FlexContract;
  canOperate: boolean;
}) {
  return (
    <Stack gap="xl">
      <Group gap="sm">
        <Text fw={700} ff="monospace" size="lg" data-testid="contract-serial">
          {contract.serialNumber}
        </Text>
        <Badge color={STATE_COLORS[contract.state]} variant="light">
          {contract.state}
        </Badge>
        <Text size="sm" c="dimmed">
          {contract.startsAt} to {contract.endsAt}
        </Text>
      </Group>
      <PageSection title="Pools">
        <PoolGauges pools={contract.pools} />
      </PageSection>
      {canOperate ? (
        <PageSection title="Draw down">
          <DrawDownForm key={contract.id} accountId={accountId} contract={contract} />
        </PageSection>
      ) : null}
      <PageSection title="Usage">
        <UsageChart accountId={accountId} contract={contract} />
      </PageSection>
      <PageSection title="Draw-downs and returns">
        <LedgerTable accountId={accountId} contract={contract} canOperate={canOperate} />
      </PageSection>
    </Stack>
  );
}
