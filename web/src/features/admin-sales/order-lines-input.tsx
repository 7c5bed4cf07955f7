import { ActionIcon, Button, Checkbox, Group, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import type { TOrderLineInput } from '../../../../src/contracts/orders';
import type { Product } from './sales.api';

export interface LineDraft {
  productSku: string | null;
  quantity: number;
  startsAt: string;
  endsAt: string;
  keyOnCertificate: boolean;
}

export const emptyLine = (): LineDraft => ({ productSku: null, quantity: 1, startsAt: '', endsAt: '', keyOnCertificate: false });

export function toOrderLine(line: LineDraft): TOrderLineInput {
  return {
    productSku: line.productSku ?? '',
    quantity: line.quantity,
    ...(line.startsAt || line.endsAt ? { maintenance: { startsAt: line.startsAt, endsAt: line.endsAt } } : {}),
    ...(line.keyOnCertificate ? { keyOnCertificate: true } : {}),
  };
}

/** The lines of an order: product, quantity, optional maintenance term, key printed or not. */
export function OrderLinesInput({ lines, onChange, products, errors }: { lines: LineDraft[]; onChange: (lines: LineDraft[]) => void; products: Product[]; errors: Record<string, string> }) {
  const update = (i: number, patch: Partial<LineDraft>) => onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <Stack gap="xs">
      {lines.map((line, i) => (
        <Group key={i} align="flex-start" gap="sm" wrap="wrap" aria-label={`Line ${i + 1}`} role="group">
          <Select
            label={`Line ${i + 1} product`}
            required
            searchable
            data={products.map((p) => ({ value: p.sku, label: `${p.name} (${p.sku})` }))}
            value={line.productSku}
            onChange={(v) => update(i, { productSku: v })}
            error={errors[`lines.${i}.productSku`]}
            w={300}
          />
          <NumberInput label="Quantity" min={1} w={110} value={line.quantity} onChange={(v) => update(i, { quantity: Number(v) || 1 })} error={errors[`lines.${i}.quantity`]} />
          <TextInput label="Maintenance from" type="date" w={170} value={line.startsAt} onChange={(e) => update(i, { startsAt: e.currentTarget.value })} error={errors[`lines.${i}.maintenance`] ?? errors[`lines.${i}.maintenance.startsAt`]} />
          <TextInput label="Maintenance until" type="date" w={170} value={line.endsAt} onChange={(e) => update(i, { endsAt: e.currentTarget.value })} error={errors[`lines.${i}.maintenance.endsAt`]} />
          <Checkbox mt={30} label="Key on certificate" checked={line.keyOnCertificate} onChange={(e) => update(i, { keyOnCertificate: e.currentTarget.checked })} />
          {lines.length > 1 ? (
            <ActionIcon mt={28} variant="subtle" color="red" aria-label={`Remove line ${i + 1}`} onClick={() => onChange(lines.filter((_, j) => j !== i))}>
              ×
            </ActionIcon>
          ) : null}
        </Group>
      ))}
      <Group>
        <Button variant="light" size="xs" onClick={() => onChange([...lines, emptyLine()])}>
          Add a line
        </Button>
      </Group>
    </Stack>
  );
}
