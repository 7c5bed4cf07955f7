import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { PendingNotifications } from './pending-notifications';
import type { UpgradeOffer } from './version-upgrade.api';
import { useUpgradeLookup } from './version-upgrade.hooks';

/** Step 3: the notification ID from the e-mail, or one of the account's open notifications. */
export function NotificationStep({
  accountId,
  initialId,
  onFound,
}: {
  accountId: string;
  initialId: string;
  onFound: (offer: UpgradeOffer) => void;
}) {
  const [typed, setTyped] = useState(initialId);
  const lookup = useUpgradeLookup(accountId);
  const look = (notificationId: string) => lookup.mutate(notificationId, { onSuccess: onFound });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    look(typed.trim());
  };
  const fieldError = isApiError(lookup.error) ? lookup.error.fieldErrors().notificationId : undefined;
  const notFound = isApiError(lookup.error) && lookup.error.status === 404;
  return (
    <Stack gap="xl">
      <form onSubmit={onSubmit} aria-label="Look up a notification ID">
        <Stack gap="sm">
          <Group align="flex-start" gap="sm">
            <TextInput
              label="Notification ID"
              description="From the upgrade notification e-mail: N followed by 10 digits"
              placeholder="N0000012340"
              required
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              error={
                fieldError ??
                (notFound
                  ? 'No upgrade notification of this account has this ID. Check the e-mail, or choose one below.'
                  : undefined)
              }
              style={{ flex: '1 1 280px', maxWidth: 420 }}
            />
          </Group>
          {fieldError || notFound ? null : <FormError error={lookup.error} />}
          <Group>
            <Button type="submit" loading={lookup.isPending}>
              Look up
            </Button>
          </Group>
        </Stack>
      </form>
      <PendingNotifications
        accountId={accountId}
        disabled={lookup.isPending}
        onPick={(notificationId) => {
          setTyped(notificationId);
          look(notificationId);
        }}
      />
    </Stack>
  );
}
