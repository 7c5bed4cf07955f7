import { Alert, Anchor, Button, Group, Paper, Stack, Table, TextInput } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { formatDate, formatDateTime } from '../../components/format';
import { FormError } from '../../components/form-error';
import { PageLayout, PageSection } from '../../components/page-layout';
import { PagedTable } from '../../components/paged-table';
import { AccountPicker } from '../admin/account-picker';
import { emptyLine, OrderLinesInput, toOrderLine, type LineDraft } from './order-lines-input';
import { useCreateOrder, useOrders, useProducts, type Order } from './sales.api';

const column = createColumnHelper<Order>();
const columns = [
  column.accessor('createdAt', { header: 'Recorded', cell: (i) => formatDateTime(i.getValue()) }),
  column.accessor('accountName', { header: 'Customer' }),
  column.accessor('reference', { header: 'Reference', cell: (i) => i.getValue() ?? '—' }),
  column.accessor('lineCount', { header: 'Lines' }),
  column.accessor('certificateId', {
    header: 'Certificate',
    cell: (i) => (
      <Anchor href={`/api/v1/admin/certificates/${i.getValue()}.pdf`} target="_blank" rel="noopener">
        PDF
      </Anchor>
    ),
  }),
];

/** The vendor records orders; each issues a certificate with a serial number per line (SPEC §3). */
export function AdminOrdersPage() {
  const products = useProducts();
  const orders = useOrders();
  const create = useCreateOrder();
  const [accountId, setAccountId] = useState<string | null>(null);
  const [partnerAccountId, setPartnerAccountId] = useState<string | null>(null);
  const [reference, setReference] = useState('');
  const [lines, setLines] = useState<LineDraft[]>([emptyLine()]);
  const errors = isApiError(create.error) ? create.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { accountId: accountId ?? '', ...(partnerAccountId ? { partnerAccountId } : {}), ...(reference.trim() ? { reference: reference.trim() } : {}), lines: lines.map(toOrderLine) },
      { onSuccess: () => setLines([emptyLine()]) },
    );
  };
  const certificate = create.data?.certificate;
  return (
    <PageLayout title="Orders" description="Record an order; its certificate, with a serial number per line, is e-mailed to the customer.">
      <Paper withBorder p="md">
        <PageSection title="New order">
          <form onSubmit={submit} aria-label="Record an order">
            <Stack gap="sm">
              <Group grow align="flex-start">
                <AccountPicker label="Customer account" value={accountId} onChange={(id) => setAccountId(id)} error={errors.accountId} />
                <AccountPicker label="Sold through partner (optional)" value={partnerAccountId} onChange={(id) => setPartnerAccountId(id)} error={errors.partnerAccountId} />
                <TextInput label="Order reference" value={reference} onChange={(e) => setReference(e.currentTarget.value)} error={errors.reference} />
              </Group>
              <OrderLinesInput lines={lines} onChange={setLines} products={products.items} errors={errors} />
              {Object.keys(errors).length ? null : <FormError error={create.error} />}
              <Group>
                <Button type="submit" loading={create.isPending}>
                  Record order
                </Button>
              </Group>
            </Stack>
          </form>
        </PageSection>
      </Paper>
      {certificate ? (
        <Alert color="green" title={`Certificate issued for ${certificate.accountName}`} role="status">
          <Table aria-label="Certificate lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Serial number</Table.Th>
                <Table.Th>Product</Table.Th>
                <Table.Th>Quantity</Table.Th>
                <Table.Th>Maintenance</Table.Th>
                <Table.Th>Key</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {certificate.lines.map((l) => (
                <Table.Tr key={l.serialNumber}>
                  <Table.Td>{l.serialNumber}</Table.Td>
                  <Table.Td>{l.productName}</Table.Td>
                  <Table.Td>{l.quantity}</Table.Td>
                  <Table.Td>{l.maintenanceStartsAt ? `${formatDate(l.maintenanceStartsAt)} – ${formatDate(l.maintenanceEndsAt)} (${l.maintenanceSerialNumber})` : '—'}</Table.Td>
                  <Table.Td>{l.licenseKey ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Anchor href={`/api/v1/admin/certificates/${certificate.id}.pdf`} target="_blank" rel="noopener">
            Certificate PDF
          </Anchor>
        </Alert>
      ) : null}
      <PageSection title="Recorded orders">
        <PagedTable list={orders} caption="Orders" columns={columns} getRowId={(o) => o.id} loadingLabel="Loading orders…" emptyTitle="No orders yet" />
      </PageSection>
    </PageLayout>
  );
}
