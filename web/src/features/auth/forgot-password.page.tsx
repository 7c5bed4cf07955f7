import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { AuthLayout } from './auth-layout';
import { useRequestPasswordReset } from './auth.hooks';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const reset = useRequestPasswordReset();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate({ email: email.trim() });
  };

  if (reset.isSuccess) {
    return (
      <AuthLayout title="Check your e-mail">
        <Alert color="green" variant="light" role="status">
          If an account uses {email.trim()}, we have sent it a link to choose a new password. The link works
          for a limited time.
        </Alert>
        <Anchor component={Link} to="/sign-in" size="sm">
          Back to sign in
        </Anchor>
      </AuthLayout>
    );
  }

  const fieldErrors = isApiError(reset.error) ? reset.error.fieldErrors() : {};
  return (
    <AuthLayout title="Reset your password">
      <Text size="sm" c="dimmed">
        Enter the e-mail address you sign in with. We will send you a link to choose a new password.
      </Text>
      <form onSubmit={onSubmit}>
        <Stack gap="md">
          {fieldErrors.email ? null : <FormError error={reset.error} />}
          <TextInput
            label="Email"
            type="email"
            name="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldErrors.email}
          />
          <Button type="submit" loading={reset.isPending} fullWidth>
            Send reset link
          </Button>
          <Anchor component={Link} to="/sign-in" size="sm" ta="center">
            Back to sign in
          </Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}
