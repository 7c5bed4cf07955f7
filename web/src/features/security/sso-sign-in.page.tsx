import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { FormError } from '../../components/form-error';
import { AuthLayout } from '../auth/auth-layout';
import { ssoErrorMessage } from './sso-messages';
import { useStartSso } from './security.hooks';

/** Sign in through the organization's identity provider: the work e-mail decides which one. */
export function SsoSignInPage() {
  const [params] = useSearchParams();
  const start = useStartSso();
  const [email, setEmail] = useState('');
  const failure = ssoErrorMessage(params.get('error'));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate(
      { email: email.trim(), returnTo: params.get('next') ?? undefined },
      { onSuccess: ({ redirectUrl }) => redirectUrl && window.location.assign(redirectUrl) },
    );
  };
  const noSso = start.data && start.data.redirectUrl === null;

  return (
    <AuthLayout title="Sign in with single sign-on">
      <form onSubmit={onSubmit}>
        <Stack gap="md">
          {failure && !start.data ? (
            <Alert color="red" variant="light" role="alert">
              {failure}
            </Alert>
          ) : null}
          <Text size="sm">Type your work e-mail: you continue at your organization&apos;s sign-in page.</Text>
          <FormError error={start.error} />
          {noSso ? (
            <Alert color="yellow" variant="light" role="status">
              {email} does not sign in through an identity provider here.{' '}
              <Anchor component={Link} to="/sign-in">
                Sign in with your password
              </Anchor>
              .
            </Alert>
          ) : null}
          <TextInput
            label="Work e-mail"
            type="email"
            name="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <Button type="submit" loading={start.isPending || Boolean(start.data?.redirectUrl)} fullWidth>
            Continue
          </Button>
          <Anchor component={Link} to="/sign-in" size="sm" ta="center">
            Sign in with a password instead
          </Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}
