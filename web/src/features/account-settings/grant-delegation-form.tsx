import { Button, Group, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { useGrantDelegation } from './account-settings.hooks';

export function GrantDelegationForm({ accountId }: { accountId: string }) {
  const [partnerAccountId, setPartnerAccountId] = useState('');
  const grant = useGrantDelegation(accountId);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    grant.mutate(partnerAccountId.trim(), { onSuccess: () => setPartnerAccountId('') });
  };
  const fieldError = isApiError(grant.error) ? grant.error.fieldErrors().partnerAccountId : undefined;
  return (
    <form onSubmit={onSubmit} aria-label="Grant a partner access">
      {fieldError ? null : <FormError error={grant.error} />}
      <Group align="flex-end" gap="sm" mt={grant.error && !fieldError ? 'sm' : 0}>
        <TextInput
          label="Partner account ID"
          description="Your partner can tell you its account ID."
          required
          value={partnerAccountId}
          onChange={(event) => setPartnerAccountId(event.currentTarget.value)}
          error={fieldError}
          style={{ flex: '1 1 260px' }}
        />
        <Button type="submit" loading={grant.isPending}>
          Grant access
        </Button>
      </Group>
    </form>
  );
}
