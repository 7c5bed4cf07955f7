import { Badge, Checkbox, Group, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type VisibilityState } from '@tanstack/react-table';
import { formatDate } from '../../components/format';
import { CustomValueCell } from './custom-value-cell';
import type { CustomField, LicenseItem } from './licenses.api';

const STATUS_COLORS = { active: 'teal', expired: 'orange', revoked: 'red', retired: 'gray' } as const;
const MAINTENANCE_COLORS = { none: 'gray', active: 'teal', expiring: 'yellow', expired: 'red' } as const;

/** The columns a person may show or hide, in order; custom fields follow as `field.<name>`. */
export const OPTIONAL_COLUMNS = [
  { id: 'product', label: 'Product' },
  { id: 'version', label: 'Version' },
  { id: 'status', label: 'Status' },
  { id: 'hostId', label: 'Host ID' },
  { id: 'serialNumber', label: 'Serial number' },
  { id: 'quantity', label: 'Quantity' },
  { id: 'issuedAt', label: 'Issued' },
  { id: 'expiresAt', label: 'Expires' },
  { id: 'maintenance', label: 'Maintenance' },
];
export const DEFAULT_HIDDEN = ['version', 'serialNumber', 'quantity', 'issuedAt'];

interface LicenseTableProps {
  accountId: string;
  items: LicenseItem[];
  fields: CustomField[];
  hidden: string[];
  selected: Set<string>;
  onSelect: (ids: string[], on: boolean) => void;
  onOpen: (license: LicenseItem) => void;
  /** Whether the person may change this license's custom values (their role, or a `manage` share). */
  canEdit: (license: LicenseItem) => boolean;
}

export function LicenseTable({ accountId, items, fields, hidden, selected, onSelect, onOpen, canEdit }: LicenseTableProps) {
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.id));
  const columns: ColumnDef<LicenseItem>[] = [
    {
      id: 'select',
      header: () => <Checkbox aria-label="Select all shown licenses" checked={allSelected} indeterminate={!allSelected && items.some((i) => selected.has(i.id))} onChange={(e) => onSelect(items.map((i) => i.id), e.currentTarget.checked)} />,
      cell: ({ row }) => <Checkbox aria-label={`Select ${row.original.licenseKey}`} checked={selected.has(row.original.id)} onChange={(e) => onSelect([row.original.id], e.currentTarget.checked)} />,
    },
    {
      id: 'licenseKey',
      header: 'License key',
      cell: ({ row }) => (
        <Group gap={6} wrap="nowrap">
          <UnstyledButton onClick={() => onOpen(row.original)} aria-label={`Open ${row.original.licenseKey}`}>
            <Text ff="monospace" size="sm" c="blue">
              {row.original.licenseKey}
            </Text>
          </UnstyledButton>
          {row.original.shared ? (
            <Badge size="xs" variant="light" color="grape" title={`Shared by ${row.original.shared.fromAccount.name} (${row.original.shared.permission})`}>
              Shared
            </Badge>
          ) : null}
        </Group>
      ),
    },
    { id: 'product', header: 'Product', cell: ({ row }) => <Text size="sm">{row.original.product.name}</Text> },
    { id: 'version', header: 'Version', cell: ({ row }) => row.original.product.version },
    {
      id: 'status',
      header: 'Status',
      cell: ({ row }) => (
        <Badge variant="light" color={STATUS_COLORS[row.original.status]}>
          {row.original.status}
        </Badge>
      ),
    },
    { id: 'hostId', header: 'Host ID', cell: ({ row }) => <Text size="sm" ff="monospace">{row.original.hostId ?? '—'}</Text> },
    { id: 'serialNumber', header: 'Serial number', cell: ({ row }) => row.original.serialNumber ?? '—' },
    { id: 'quantity', header: 'Quantity', cell: ({ row }) => row.original.quantity },
    { id: 'issuedAt', header: 'Issued', cell: ({ row }) => formatDate(row.original.issuedAt) },
    { id: 'expiresAt', header: 'Expires', cell: ({ row }) => (row.original.expiresAt ? formatDate(row.original.expiresAt) : 'Never') },
    {
      id: 'maintenance',
      header: 'Maintenance',
      cell: ({ row }) => (
        <Badge variant="dot" color={MAINTENANCE_COLORS[row.original.maintenance]}>
          {row.original.maintenance}
        </Badge>
      ),
    },
    ...fields.map(
      (field): ColumnDef<LicenseItem> => ({
        id: `field.${field.name}`,
        header: field.label,
        // A shared license carries its owner's fields, not this account's: its values show in the drawer.
        cell: ({ row }) =>
          row.original.shared ? (
            <Text size="sm" c="dimmed" title={`Kept by ${row.original.shared.fromAccount.name}: open the license to see its values`}>
              —
            </Text>
          ) : (
            <CustomValueCell accountId={accountId} license={row.original} field={field} canEdit={canEdit(row.original)} />
          ),
      }),
    ),
  ];
  const columnVisibility: VisibilityState = Object.fromEntries(hidden.map((id) => [id, false]));
  const table = useReactTable({ data: items, columns, getRowId: (r) => r.id, getCoreRowModel: getCoreRowModel(), state: { columnVisibility } });
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label="Licenses">
        <caption>
          <VisuallyHidden>Licenses of this account and licenses shared with you</VisuallyHidden>
        </caption>
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => (
                <Table.Th key={header.id} scope="col">
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </Table.Th>
              ))}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {table.getRowModel().rows.map((row) => (
            <Table.Tr key={row.id} data-testid={`license-row-${row.id}`}>
              {row.getVisibleCells().map((cell) => (
                <Table.Td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
