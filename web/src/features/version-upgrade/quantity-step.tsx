import { Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { quantityFault, unitsLabel } from './upgrade-steps';
import type { EligibleProduct, UpgradeOffer } from './version-upgrade.api';

/** Step 5: how many units, with the eligible number shown and checked before going on. */
export function QuantityStep({
  offer,
  item,
  value,
  onChange,
  onBack,
  onNext,
}: {
  offer: UpgradeOffer;
  item: EligibleProduct;
  value: number | string;
  onChange: (quantity: number | string) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const [touched, setTouched] = useState(false);
  const fault = quantityFault(value, item.remaining);
  return (
    <form
      aria-label="Choose the quantity"
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (!fault) onNext();
      }}
    >
      <Stack gap="md">
        <Text size="sm" aria-live="polite">
          Eligible: <strong>{unitsLabel(item.remaining, item.product.unit)}</strong> of {item.product.name}{' '}
          can be upgraded to {offer.toProduct.name}.
        </Text>
        <NumberInput
          label="Quantity to upgrade"
          description={`From 1 to ${item.remaining}`}
          required
          min={1}
          max={item.remaining}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          value={value}
          onChange={onChange}
          onBlur={() => setTouched(true)}
          error={touched ? fault : null}
          w={240}
        />
        <Group>
          <Button variant="default" onClick={onBack}>
            Back
          </Button>
          <Button type="submit">Next</Button>
        </Group>
      </Stack>
    </form>
  );
}
