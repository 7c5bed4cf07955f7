import {
  Button,
  Code,
  Group,
  NativeSelect,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { ConfirmAction } from '../../components/confirm-action';
import { FormError } from '../../components/form-error';
import { PageSection } from '../../components/page-layout';
import type { IdentityProvider } from './security.api';
import { useRemoveIdentityProvider, useSaveIdentityProvider } from './security.hooks';

const JIT_CHOICES = [
  { value: '', label: 'Nobody: only people already added to the account' },
  { value: 'viewer', label: 'Viewer' },
  { value: 'member', label: 'Member' },
  { value: 'admin', label: 'Admin' },
];

/** The account's OpenID Connect provider: where its people sign in. */
export function IdentityProviderForm({
  accountId,
  provider,
  isVendor,
}: {
  accountId: string;
  provider: IdentityProvider | null;
  isVendor: boolean;
}) {
  const save = useSaveIdentityProvider(accountId);
  const remove = useRemoveIdentityProvider(accountId);
  const [issuer, setIssuer] = useState(provider?.issuer ?? '');
  const [clientId, setClientId] = useState(provider?.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [jitRole, setJitRole] = useState<string>(provider?.jitRole ?? '');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        issuer: issuer.trim(),
        clientId: clientId.trim(),
        clientSecret: clientSecret || undefined,
        jitRole: (jitRole || null) as IdentityProvider['jitRole'],
      },
      { onSuccess: () => setClientSecret('') },
    );
  };
  const errors = isApiError(save.error) ? save.error.fieldErrors() : {};

  return (
    <PageSection title="Identity provider (OpenID Connect)">
      <Paper withBorder p="md">
        <form onSubmit={onSubmit} aria-label="Identity provider">
          <Stack gap="md">
            <Text size="sm">
              Register the portal as a web application at your provider with this redirect URI:{' '}
              <Code>{provider?.redirectUri ?? `${window.location.origin}/api/v1/auth/sso/callback`}</Code>
            </Text>
            {Object.keys(errors).length > 0 ? null : <FormError error={save.error} />}
            {save.isSuccess ? (
              <Text size="sm" c="green" role="status">
                Saved. The provider answered at its discovery address.
              </Text>
            ) : null}
            <TextInput
              label="Issuer"
              description="The provider's issuer URL, as in its /.well-known/openid-configuration."
              placeholder="https://login.example.com"
              required
              value={issuer}
              onChange={(event) => setIssuer(event.currentTarget.value)}
              error={errors.issuer}
            />
            <TextInput
              label="Client ID"
              required
              value={clientId}
              onChange={(event) => setClientId(event.currentTarget.value)}
              error={errors.clientId}
            />
            <PasswordInput
              label="Client secret"
              description={
                provider
                  ? 'Stored encrypted and never shown; leave empty to keep it.'
                  : 'Stored encrypted and never shown again.'
              }
              required={!provider}
              autoComplete="off"
              value={clientSecret}
              onChange={(event) => setClientSecret(event.currentTarget.value)}
              error={errors.clientSecret}
            />
            {isVendor ? null : (
              <NativeSelect
                label="New people join as"
                description="Someone the provider signs in who is not a member yet joins the account with this role (just-in-time)."
                data={JIT_CHOICES}
                value={jitRole}
                onChange={(event) => setJitRole(event.currentTarget.value)}
                error={errors.jitRole}
              />
            )}
            <Group gap="sm">
              <Button type="submit" loading={save.isPending}>
                {provider ? 'Save changes' : 'Save identity provider'}
              </Button>
              {provider ? (
                <ConfirmAction
                  label="Remove"
                  title="Remove the identity provider?"
                  message="Single sign-on stops for this account; members sign in with their passwords."
                  confirmLabel="Remove provider"
                  onConfirm={() => remove.mutateAsync(undefined)}
                />
              ) : null}
            </Group>
          </Stack>
        </form>
      </Paper>
    </PageSection>
  );
}
