import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { IssuedLicenseNotice } from '../../components/issued-license-notice';
import type { LicenseItem } from './licenses.api';
import { useRehost } from './licenses.hooks';

/**
 * Moving a node-locked license to another host: the portal issues a new license for the new host
 * and revokes this one, within the product's yearly re-host allowance (the server says when it is used up).
 */
export function LicenseRehost({ accountId, license }: { accountId: string; license: LicenseItem }) {
  const [hostId, setHostId] = useState('');
  const rehost = useRehost(accountId, license.id);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    rehost.mutate(hostId.trim());
  };
  const result = rehost.data;
  if (result) {
    return (
      <IssuedLicenseNotice title="Re-hosted" license={result.license} keyTestId="rehosted-license-key">
        A new license for host {result.license.hostId} replaces this one, which is now revoked. {result.rehostsLeft} {result.rehostsLeft === 1 ? 're-host' : 're-hosts'} left
        in the current 365 days.
      </IssuedLicenseNotice>
    );
  }
  if (license.status !== 'active') {
    return (
      <Text size="sm" c="dimmed">
        This license is {license.status}: only an active license moves to another host.
      </Text>
    );
  }
  const fieldErrors = isApiError(rehost.error) ? rehost.error.fieldErrors() : {};
  return (
    <form onSubmit={onSubmit} aria-label="Re-host this license">
      <Stack gap="xs">
        {fieldErrors.hostId ? null : <FormError error={rehost.error} />}
        <Group align="flex-end" gap="xs">
          <TextInput label="New host ID" description={`Now on ${license.hostId}`} required value={hostId} onChange={(e) => setHostId(e.currentTarget.value)} error={fieldErrors.hostId} w={260} />
          <Button type="submit" variant="default" loading={rehost.isPending}>
            Re-host
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
