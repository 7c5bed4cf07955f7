import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { RegistrationForm, type RegistrationValues } from '../../components/registration-form';
import { unitsLabel } from './upgrade-steps';
import type { EligibleProduct, UpgradeOffer } from './version-upgrade.api';

interface RegistrationStepProps {
  offer: UpgradeOffer;
  item: EligibleProduct;
  quantity: number;
  value: RegistrationValues;
  onChange: (value: RegistrationValues) => void;
  canUpgrade: boolean;
  submitting: boolean;
  error: unknown;
  onBack: () => void;
  onSubmit: () => void;
}

/** Step 6: the support registration, prefilled from the last one, then the upgrade itself. */
export function RegistrationStep({
  offer,
  item,
  quantity,
  value,
  onChange,
  canUpgrade,
  submitting,
  error,
  onBack,
  onSubmit,
}: RegistrationStepProps) {
  const fieldErrors = isApiError(error) ? error.fieldErrors() : {};
  const hasFieldErrors = Object.keys(fieldErrors).some((f) => f.startsWith('registration.'));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} aria-label="Support registration">
      <Stack gap="md">
        <Text size="sm">
          Upgrading <strong>{unitsLabel(quantity, item.product.unit)}</strong> of {item.product.name} to{' '}
          <strong>{offer.toProduct.name}</strong>. Check the support registration: the technical contact
          receives the new keys and license files.
        </Text>
        {offer.tradeIn ? (
          <Alert color="orange" variant="light" title="Trade-in">
            The licenses you upgrade are revoked once the new ones are issued; units you do not upgrade stay
            on a license of their own.
          </Alert>
        ) : null}
        <RegistrationForm value={value} onChange={onChange} errors={fieldErrors} disabled={submitting} />
        {hasFieldErrors ? null : <FormError error={error} title="The upgrade was not made" />}
        {canUpgrade ? null : (
          <Alert color="gray" variant="light" role="status">
            Your role in this account may look notifications up but not upgrade: ask a member or an admin of
            the account.
          </Alert>
        )}
        <Group>
          <Button variant="default" onClick={onBack} disabled={submitting}>
            Back
          </Button>
          <Button type="submit" loading={submitting} disabled={!canUpgrade}>
            Upgrade and receive keys
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
