import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import type { CreateAccountRequest } from '../../api/types';
import { FormError } from '../../components/form-error';
import { CREATABLE_ACCOUNT_KINDS } from './account-kinds';
import { useCreateAdminAccount } from './admin.hooks';

export function CreateAccountForm() {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<CreateAccountRequest['kind']>('customer');
  const create = useCreateAdminAccount();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), kind }, { onSuccess: () => setName('') });
  };
  const fieldErrors = isApiError(create.error) ? create.error.fieldErrors() : {};
  return (
    <form onSubmit={onSubmit} aria-label="Create an account">
      <Stack gap="sm">
        {create.isSuccess ? (
          <Alert color="green" variant="light" role="status">
            Account “{create.data.name}” created (ID {create.data.id}).
          </Alert>
        ) : null}
        {Object.keys(fieldErrors).length > 0 ? null : <FormError error={create.error} />}
        <Group align="flex-start" gap="sm">
          <TextInput
            label="Account name"
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={fieldErrors.name}
            style={{ flex: '1 1 240px' }}
          />
          <Select
            label="Kind"
            required
            allowDeselect={false}
            data={CREATABLE_ACCOUNT_KINDS}
            value={kind}
            onChange={(value) => value && setKind(value as CreateAccountRequest['kind'])}
            error={fieldErrors.kind}
            w={200}
          />
        </Group>
        <Group>
          <Button type="submit" loading={create.isPending}>
            Create account
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
