import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { formatDate } from '../../components/format';
import type { LookupResult } from './get-a-key.api';

/** Step 3's answer: what the serial number entitles to (SPEC §5). */
export function EntitlementSummary({ lookup }: { lookup: LookupResult }) {
  const { product, maintenance } = lookup;
  const term = product.licenseModel === 'subscription' ? 'Subscription' : 'Maintenance';
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text fw={600}>{product.name}</Text>
        <Badge variant="light">{product.licenseModel}</Badge>
        {lookup.registered ? <Badge color="green">registered</Badge> : <Badge color="gray">not registered yet</Badge>}
      </Group>
      <Table variant="vertical" withTableBorder aria-label="What this serial number entitles to">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={220}>Serial number</Table.Th>
            <Table.Td>{lookup.serialNumber}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Product</Table.Th>
            <Table.Td>
              {product.productLine} {product.version}
              {product.edition ? ` ${product.edition}` : ''} ({product.sku})
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Quantity</Table.Th>
            <Table.Td>
              {lookup.quantity} {product.unit}
              {lookup.quantity === 1 ? '' : 's'}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{term}</Table.Th>
            <Table.Td>
              {maintenance ? `${formatDate(maintenance.startsAt)} – ${formatDate(maintenance.endsAt)}` : 'none'}
              {maintenance?.serialNumber ? ` (contract ${maintenance.serialNumber})` : ''}
            </Table.Td>
          </Table.Tr>
          {lookup.needsHostId ? (
            <Table.Tr>
              <Table.Th>Locked to a host</Table.Th>
              <Table.Td>yes: you will be asked for the host ID</Table.Td>
            </Table.Tr>
          ) : null}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
