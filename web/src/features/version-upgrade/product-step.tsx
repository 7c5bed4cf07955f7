import { Alert, Button, Group, Radio, Stack, Text } from '@mantine/core';
import { unitsLabel } from './upgrade-steps';
import type { UpgradeOffer } from './version-upgrade.api';

/** Step 4: which held product to upgrade; products with nothing left are shown but cannot be chosen. */
export function ProductStep({
  offer,
  value,
  onChange,
  onBack,
  onNext,
}: {
  offer: UpgradeOffer;
  value: string | null;
  onChange: (sku: string) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const upgradable = offer.items.some((item) => item.remaining > 0);
  return (
    <Stack gap="md">
      <Text size="sm">
        Notification <strong>{offer.notificationId}</strong> upgrades to{' '}
        <strong>{offer.toProduct.name}</strong> (version {offer.toProduct.version}).
        {offer.tradeIn
          ? ' This is a trade-in: the licenses you upgrade are revoked once the new ones are issued.'
          : ' Your current licenses stay valid.'}
      </Text>
      {upgradable ? null : (
        <Alert color="blue" variant="light" role="status" title="Nothing left to upgrade">
          Every unit this notification covers has been upgraded already.
        </Alert>
      )}
      <Radio.Group label="Product to upgrade" required value={value} onChange={onChange}>
        <Stack gap="sm" mt="xs">
          {offer.items.map((item) => (
            <Radio
              key={item.product.sku}
              value={item.product.sku}
              disabled={item.remaining === 0}
              label={`${item.product.name} (${item.product.sku})`}
              description={
                `${unitsLabel(item.remaining, item.product.unit)} of ${item.eligible} can be upgraded` +
                (item.upgraded > 0 ? `; ${item.upgraded} upgraded already` : '')
              }
            />
          ))}
        </Stack>
      </Radio.Group>
      <Group>
        <Button variant="default" onClick={onBack}>
          Back
        </Button>
        <Button onClick={onNext} disabled={!value}>
          Next
        </Button>
      </Group>
    </Stack>
  );
}
