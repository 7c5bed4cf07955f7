import { Alert, Button, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { AuthLayout } from './auth-layout';
import { useAcceptInvitation, useVendorName } from './auth.hooks';
import { SetPasswordForm } from './set-password-form';

export function AcceptInvitationPage() {
  const token = useSearchParams()[0].get('token');
  const accept = useAcceptInvitation();
  const vendorName = useVendorName();

  if (!token) {
    return (
      <AuthLayout title="Accept your invitation">
        <Alert color="red" variant="light" role="alert">
          This link is incomplete. Open the link from the invitation e-mail again.
        </Alert>
      </AuthLayout>
    );
  }

  if (accept.isSuccess) {
    return (
      <AuthLayout title="Welcome">
        <Alert color="green" variant="light" role="status">
          Your account is ready. Sign in with your e-mail address and the password you chose.
        </Alert>
        <Button component={Link} to="/sign-in">
          Go to sign in
        </Button>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Accept your invitation">
      <Text size="sm" c="dimmed">
        You have been invited to the {vendorName} portal. Choose a password to finish setting up your sign-in.
      </Text>
      <SetPasswordForm
        submitLabel="Set password and continue"
        isPending={accept.isPending}
        error={accept.error}
        onSubmit={(password) => accept.mutate({ token, password })}
      />
    </AuthLayout>
  );
}
