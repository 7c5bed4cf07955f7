import { Button, Code, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { useReturnUnits } from './flex.hooks';

interface ReturnUnitsModalProps {
  accountId: string;
  contractId: string;
  license: { licenseId: string; licenseKey: string; quantity: number };
  productSku: string;
  onClose: () => void;
}

/** Retires the license and gives units back; what is kept stays licensed under a new key. */
export function ReturnUnitsModal({
  accountId,
  contractId,
  license,
  productSku,
  onClose,
}: ReturnUnitsModalProps) {
  const [quantity, setQuantity] = useState<number | string>(license.quantity);
  const returnUnits = useReturnUnits(accountId, contractId);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    returnUnits.mutate({ licenseId: license.licenseId, quantity: Number(quantity) }, { onSuccess: onClose });
  };
  const kept = license.quantity - Number(quantity);
  const fieldErrors = isApiError(returnUnits.error) ? returnUnits.error.fieldErrors() : {};
  return (
    <Modal opened onClose={onClose} title={`Return units of ${productSku}`}>
      <form onSubmit={onSubmit} aria-label="Return units">
        <Stack gap="sm">
          <Text size="sm">
            License <Code>{license.licenseKey}</Code> holds {license.quantity}. It is retired: products using
            it stop accepting it.
          </Text>
          {Object.keys(fieldErrors).length > 0 ? null : <FormError error={returnUnits.error} />}
          <NumberInput
            label="Units to return"
            required
            min={1}
            max={license.quantity}
            allowDecimal={false}
            value={quantity}
            onChange={setQuantity}
            error={fieldErrors.quantity}
          />
          {kept > 0 ? (
            <Text size="sm" c="dimmed">
              The {kept} kept {kept === 1 ? 'unit gets' : 'units get'} a new license key.
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="grape" loading={returnUnits.isPending}>
              Return and retire
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
