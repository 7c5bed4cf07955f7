import { Button, Group, Stack, Text } from '@mantine/core';
import { FormError } from '../../components/form-error';
import { AuthLayout } from '../auth/auth-layout';
import { SignOutButton } from '../auth/sign-out-button';
import { ConfirmAuthenticatorForm } from './confirm-authenticator-form';
import { RecoveryCodesPanel } from './recovery-codes-panel';
import {
  useConfirmTotpEnrolment,
  useFinishEnrolment,
  useStartTotpEnrolment,
  useTwoFactorStatus,
} from './two-factor.hooks';

/**
 * Shown instead of every page while the session may only enrol a second factor: the person's
 * role or account requires one and they have none yet.
 */
export function TwoFactorEnrolmentPage() {
  const status = useTwoFactorStatus();
  const start = useStartTotpEnrolment();
  const confirm = useConfirmTotpEnrolment();
  const finish = useFinishEnrolment();

  if (confirm.data) {
    return (
      <AuthLayout title="Save your recovery codes">
        <RecoveryCodesPanel codes={confirm.data.recoveryCodes} onDone={() => void finish()} />
      </AuthLayout>
    );
  }

  const requiredBy = status.data?.requiredBy ?? [];

  return (
    <AuthLayout title="Set up two-step verification">
      <Text size="sm">
        {requiredBy.length > 0
          ? `A second sign-in step is required by ${requiredBy.join(', ')}.`
          : 'A second sign-in step is required of you.'}{' '}
        You need an authenticator app on your phone that shows 6-digit codes (TOTP).
      </Text>
      {start.data ? (
        <ConfirmAuthenticatorForm enrolment={start.data} confirm={confirm} />
      ) : (
        <Stack gap="md">
          <FormError error={start.error} />
          <Button onClick={() => start.mutate()} loading={start.isPending}>
            Set up an authenticator app
          </Button>
        </Stack>
      )}
      <Group justify="flex-end">
        <SignOutButton variant="subtle" />
      </Group>
    </AuthLayout>
  );
}
