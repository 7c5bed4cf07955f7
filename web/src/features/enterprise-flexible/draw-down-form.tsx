import { Button, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { IssuedLicenseNotice } from '../../components/issued-license-notice';
import type { FlexContract } from './flex.api';
import { useDrawDown } from './flex.hooks';
import { plural } from './pool-gauges';

/** Draws a license from one of the contract's pools; the host ID is asked for node-locked products only. */
export function DrawDownForm({ accountId, contract }: { accountId: string; contract: FlexContract }) {
  const [sku, setSku] = useState<string | null>(contract.pools[0]?.productSku ?? null);
  const [quantity, setQuantity] = useState<number | string>(1);
  const [hostId, setHostId] = useState('');
  const drawDown = useDrawDown(accountId, contract.id);
  const pool = contract.pools.find((p) => p.productSku === sku);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!pool) return;
    drawDown.mutate(
      {
        productSku: pool.productSku,
        quantity: Number(quantity),
        ...(pool.nodeLocked ? { hostId: hostId.trim() } : {}),
      },
      { onSuccess: () => setHostId('') },
    );
  };
  const fieldErrors = isApiError(drawDown.error) ? drawDown.error.fieldErrors() : {};
  const drawn = drawDown.data;
  return (
    <form onSubmit={onSubmit} aria-label="Draw down a license">
      <Stack gap="sm">
        {drawn ? (
          <IssuedLicenseNotice
            title="License drawn down"
            license={drawn.license}
            keyTestId="drawn-license-key"
          >
            {drawn.quantity} {plural(drawn.license.unit, drawn.quantity)} of {drawn.license.productName};{' '}
            {drawn.remaining} left in the pool.
          </IssuedLicenseNotice>
        ) : null}
        {Object.keys(fieldErrors).length > 0 ? null : <FormError error={drawDown.error} />}
        <Group align="flex-start" gap="sm" wrap="wrap">
          <Select
            label="Product"
            required
            allowDeselect={false}
            data={contract.pools.map((p) => ({
              value: p.productSku,
              label: `${p.productName} (${p.remaining} left)`,
              disabled: p.remaining === 0,
            }))}
            value={sku}
            onChange={setSku}
            error={fieldErrors.productSku}
            style={{ flex: '2 1 260px' }}
          />
          <NumberInput
            label="Quantity"
            required
            min={1}
            max={pool?.remaining || undefined}
            allowDecimal={false}
            value={quantity}
            onChange={setQuantity}
            error={fieldErrors.quantity}
            style={{ flex: '1 1 120px' }}
          />
          {pool?.nodeLocked ? (
            <TextInput
              label="Host ID"
              description="As the product shows it on the machine"
              required
              value={hostId}
              onChange={(event) => setHostId(event.currentTarget.value)}
              error={fieldErrors.hostId}
              style={{ flex: '2 1 220px' }}
            />
          ) : null}
        </Group>
        <Group>
          <Button
            type="submit"
            loading={drawDown.isPending}
            disabled={!pool || pool.remaining === 0 || contract.state !== 'active'}
          >
            Draw down
          </Button>
          {contract.state !== 'active' ? (
            <Text size="sm" c="dimmed">
              {contract.state === 'scheduled'
                ? `The term starts on ${contract.startsAt}.`
                : `The term ended on ${contract.endsAt}.`}
            </Text>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
