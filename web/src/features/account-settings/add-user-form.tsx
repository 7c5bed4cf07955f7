import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import type { AddAccountUserRequest } from '../../api/types';
import { FormError } from '../../components/form-error';
import { useAddAccountUser } from './account-settings.hooks';

type Role = AddAccountUserRequest['role'];
const ROLES: Array<{ value: Role; label: string }> = [
  { value: 'viewer', label: 'Viewer: reads licenses and contracts' },
  { value: 'member', label: 'Member: every license operation' },
  { value: 'admin', label: 'Admin: also users, tokens and partners' },
];

/** An account admin adds a colleague; someone new to the portal is invited by e-mail. */
export function AddUserForm({ accountId }: { accountId: string }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const add = useAddAccountUser(accountId);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { email: email.trim(), name: name.trim(), role },
      {
        onSuccess: () => {
          setEmail('');
          setName('');
        },
      },
    );
  };
  const fieldErrors = isApiError(add.error) ? add.error.fieldErrors() : {};
  return (
    <form onSubmit={onSubmit} aria-label="Add a user">
      <Stack gap="sm">
        {add.isSuccess ? (
          <Alert color="green" variant="light" role="status">
            {add.data.name} can now use this account. Someone new to the portal receives an e-mail to choose a
            password.
          </Alert>
        ) : null}
        {Object.keys(fieldErrors).length > 0 ? null : <FormError error={add.error} />}
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldErrors.email}
            style={{ flex: '1 1 220px' }}
          />
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={fieldErrors.name}
            style={{ flex: '1 1 180px' }}
          />
          <Select
            label="Role"
            required
            allowDeselect={false}
            data={ROLES}
            value={role}
            onChange={(value) => value && setRole(value as Role)}
            error={fieldErrors.role}
            style={{ flex: '1 1 260px' }}
          />
        </Group>
        <Group>
          <Button type="submit" loading={add.isPending}>
            Add user
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
