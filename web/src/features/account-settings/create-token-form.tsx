import { Button, Group, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import type { CreatedApiToken } from '../../api/types';
import { FormError } from '../../components/form-error';
import { useCreateApiToken } from './account-settings.hooks';

export function CreateTokenForm({
  accountId,
  onCreated,
}: {
  accountId: string;
  onCreated: (token: CreatedApiToken) => void;
}) {
  const [name, setName] = useState('');
  const create = useCreateApiToken(accountId);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name.trim(), {
      onSuccess: (token) => {
        setName('');
        onCreated(token);
      },
    });
  };
  const fieldError = isApiError(create.error) ? create.error.fieldErrors().name : undefined;
  return (
    <form onSubmit={onSubmit} aria-label="Create an API token">
      {fieldError ? null : <FormError error={create.error} />}
      <Group align="flex-end" gap="sm" mt={create.error && !fieldError ? 'sm' : 0}>
        <TextInput
          label="Token name"
          description="Say where it is used, e.g. the server running the Renewal Assistant."
          required
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={fieldError}
          style={{ flex: '1 1 260px' }}
        />
        <Button type="submit" loading={create.isPending}>
          Create token
        </Button>
      </Group>
    </form>
  );
}
