import { Alert, Anchor, Button } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { AuthLayout } from './auth-layout';
import { useConfirmPasswordReset } from './auth.hooks';
import { SetPasswordForm } from './set-password-form';

export function ResetPasswordPage() {
  const token = useSearchParams()[0].get('token');
  const confirm = useConfirmPasswordReset();

  if (!token) {
    return (
      <AuthLayout title="Choose a new password">
        <Alert color="red" variant="light" role="alert">
          This link is incomplete. Open the link from the e-mail again, or ask for a new one.
        </Alert>
        <Anchor component={Link} to="/forgot-password" size="sm">
          Ask for a new link
        </Anchor>
      </AuthLayout>
    );
  }

  if (confirm.isSuccess) {
    return (
      <AuthLayout title="Password changed">
        <Alert color="green" variant="light" role="status">
          Your password has been changed. Sign in with the new password.
        </Alert>
        <Button component={Link} to="/sign-in">
          Go to sign in
        </Button>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Choose a new password">
      <SetPasswordForm
        submitLabel="Change password"
        isPending={confirm.isPending}
        error={confirm.error}
        onSubmit={(password) => confirm.mutate({ token, password })}
      />
      <Anchor component={Link} to="/forgot-password" size="sm">
        Link expired? Ask for a new one
      </Anchor>
    </AuthLayout>
  );
}
