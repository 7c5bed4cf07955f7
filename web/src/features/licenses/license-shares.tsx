import { Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { ConfirmAction } from '../../components/confirm-action';
import { FormError } from '../../components/form-error';
import { QueryState } from '../../components/query-states';
import type { SharePermission } from './licenses.api';
import { useRevokeShare, useShareLicense, useShares } from './licenses.hooks';

const PERMISSIONS = [
  { value: 'view', label: 'View: see it and download its file' },
  { value: 'manage', label: 'Manage: also re-host it and edit its values' },
];

/** Who else sees this license, and sharing it with one more person (account admins only). */
export function LicenseShares({ accountId, licenseId }: { accountId: string; licenseId: string }) {
  const shares = useShares(accountId, licenseId, true);
  const share = useShareLicense(accountId, licenseId);
  const revoke = useRevokeShare(accountId, licenseId);
  const [email, setEmail] = useState('');
  const [permission, setPermission] = useState<SharePermission>('view');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    share.mutate({ email, permission }, { onSuccess: () => void (setEmail(''), shares.refetch()) });
  };
  const fieldErrors = isApiError(share.error) ? share.error.fieldErrors() : {};
  return (
    <Stack gap="sm">
      <QueryState query={shares} loadingLabel="Loading shares…">
        {() =>
          shares.data!.length === 0 ? (
            <Text size="sm" c="dimmed">
              Not shared with anyone.
            </Text>
          ) : (
            <Table aria-label="Shares">
              <Table.Tbody>
                {shares.data!.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>{s.email}</Table.Td>
                    <Table.Td>{s.permission}</Table.Td>
                    <Table.Td>
                      <ConfirmAction
                        label="Revoke"
                        ariaLabel={`Revoke the share with ${s.email}`}
                        title="Revoke this share?"
                        message={`${s.email} will no longer see this license.`}
                        confirmLabel="Revoke"
                        onConfirm={() => revoke.mutateAsync(s.id).then(() => shares.refetch())}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </QueryState>
      <form onSubmit={onSubmit} aria-label="Share this license">
        <Stack gap="xs">
          {Object.keys(fieldErrors).length > 0 ? null : <FormError error={share.error} />}
          <Group align="flex-end" gap="xs">
            <TextInput label="E-mail of a user of another account" type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldErrors.email} w={260} />
            <Select label="Permission" data={PERMISSIONS} value={permission} onChange={(v) => setPermission((v as SharePermission) ?? 'view')} allowDeselect={false} w={300} />
            <Button type="submit" loading={share.isPending}>
              Share
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
