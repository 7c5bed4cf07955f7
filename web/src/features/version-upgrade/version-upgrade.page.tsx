import { Stepper } from '@mantine/core';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageLayout } from '../../components/page-layout';
import { EMPTY_REGISTRATION, type RegistrationValues } from '../../components/registration-form';
import { canOperateLicenses } from '../auth/permissions';
import { useCurrentAccount } from '../shell/account-context';
import { IssuedKeys } from './issued-keys';
import { NotificationStep } from './notification-step';
import { ProductStep } from './product-step';
import { QuantityStep } from './quantity-step';
import { RegistrationStep } from './registration-step';
import { newAttemptKey, upgradableProducts } from './upgrade-steps';
import type { UpgradeOffer, UpgradeRequest } from './version-upgrade.api';
import { useUpgradeLicenses } from './version-upgrade.hooks';

const STEP = { notification: 0, product: 1, quantity: 2, registration: 3, keys: 4 } as const;

/**
 * Version Upgrade (SPEC §6): notification ID → product → quantity → support registration → keys.
 * Signing in and opening this page are the first two of the seven steps.
 */
export function VersionUpgradePage() {
  const account = useCurrentAccount();
  const [params] = useSearchParams();
  const [active, setActive] = useState<number>(STEP.notification);
  const [offer, setOffer] = useState<UpgradeOffer | null>(null);
  const [productSku, setProductSku] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | string>(1);
  const [registration, setRegistration] = useState<RegistrationValues>(EMPTY_REGISTRATION);
  const upgrade = useUpgradeLicenses(account.id);
  const attempt = useRef<{ request: string; key: string } | null>(null);

  const item = offer?.items.find((i) => i.product.sku === productSku) ?? null;

  const found = (next: UpgradeOffer) => {
    setOffer(next);
    const choices = upgradableProducts(next);
    setProductSku(choices.length === 1 ? choices[0]!.product.sku : null);
    setQuantity(1);
    setRegistration(next.registration ?? EMPTY_REGISTRATION);
    upgrade.reset();
    setActive(STEP.product);
  };

  const submit = () => {
    if (!offer || !item) return;
    const request: UpgradeRequest = {
      notificationId: offer.notificationId,
      items: [{ productSku: item.product.sku, quantity: Number(quantity) }],
      registration,
    };
    // The same request keeps its key, so a second click or a retry cannot upgrade twice.
    const text = JSON.stringify(request);
    if (attempt.current?.request !== text) attempt.current = { request: text, key: newAttemptKey() };
    upgrade.mutate(
      { request, idempotencyKey: attempt.current.key },
      { onSuccess: () => setActive(STEP.keys) },
    );
  };

  const startOver = () => {
    setOffer(null);
    setProductSku(null);
    upgrade.reset();
    setActive(STEP.notification);
  };

  return (
    <PageLayout
      title="Version Upgrade"
      description="Upgrade licenses held with active maintenance to a new version, with the notification ID you received."
    >
      <Stepper
        active={active}
        onStepClick={(step) => step < active && active !== STEP.keys && setActive(step)}
        allowNextStepsSelect={false}
        size="sm"
      >
        <Stepper.Step label="Notification ID" description="Enter or choose it">
          <NotificationStep
            accountId={account.id}
            initialId={offer?.notificationId ?? params.get('notificationId') ?? ''}
            onFound={found}
          />
        </Stepper.Step>
        <Stepper.Step label="Product" description="Select the product">
          {offer ? (
            <ProductStep
              offer={offer}
              value={productSku}
              onChange={setProductSku}
              onBack={() => setActive(STEP.notification)}
              onNext={() => setActive(STEP.quantity)}
            />
          ) : null}
        </Stepper.Step>
        <Stepper.Step label="Quantity" description="How many units">
          {offer && item ? (
            <QuantityStep
              offer={offer}
              item={item}
              value={quantity}
              onChange={setQuantity}
              onBack={() => setActive(STEP.product)}
              onNext={() => setActive(STEP.registration)}
            />
          ) : null}
        </Stepper.Step>
        <Stepper.Step label="Registration" description="Check the contacts">
          {offer && item ? (
            <RegistrationStep
              offer={offer}
              item={item}
              quantity={Number(quantity)}
              value={registration}
              onChange={setRegistration}
              canUpgrade={canOperateLicenses(account)}
              submitting={upgrade.isPending}
              error={upgrade.error}
              onBack={() => setActive(STEP.quantity)}
              onSubmit={submit}
            />
          ) : null}
        </Stepper.Step>
        <Stepper.Step label="Keys" description="Receive the keys">
          {upgrade.data ? <IssuedKeys result={upgrade.data} onAgain={startOver} /> : null}
        </Stepper.Step>
      </Stepper>
    </PageLayout>
  );
}
