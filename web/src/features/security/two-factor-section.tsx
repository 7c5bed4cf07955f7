import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formatDateTime } from '../../components/format';
import { FormError } from '../../components/form-error';
import { PageSection } from '../../components/page-layout';
import { QueryState } from '../../components/query-states';
import { ConfirmAuthenticatorForm } from '../two-factor/confirm-authenticator-form';
import { RecoveryCodesPanel } from '../two-factor/recovery-codes-panel';
import {
  useConfirmTotpEnrolment,
  useStartTotpEnrolment,
  useTwoFactorStatus,
} from '../two-factor/two-factor.hooks';
import { PasswordPrompt } from './password-prompt';
import { useDisableTwoFactor, useRegenerateRecoveryCodes, useSecondFactorChanged } from './security.hooks';

/** The person's second factor: turn it on, get new recovery codes, or turn it off where allowed. */
export function TwoFactorSection() {
  const status = useTwoFactorStatus();
  const [freshCodes, setFreshCodes] = useState<string[] | null>(null);
  const regenerate = useRegenerateRecoveryCodes();
  const disable = useDisableTwoFactor();

  return (
    <PageSection title="Two-step verification">
      <Paper withBorder p="md">
        {freshCodes ? (
          <RecoveryCodesPanel codes={freshCodes} onDone={() => setFreshCodes(null)} />
        ) : (
          <QueryState query={status} loadingLabel="Loading two-step verification…">
            {() =>
              status.data!.enrolled ? (
                <Stack gap="sm">
                  <Group gap="sm">
                    <Badge color="green" variant="light">
                      On
                    </Badge>
                    <Text size="sm">
                      Authenticator app since {formatDateTime(status.data!.enrolledAt)};{' '}
                      {status.data!.recoveryCodesLeft} recovery codes left.
                    </Text>
                  </Group>
                  {status.data!.required ? (
                    <Text size="sm" c="dimmed">
                      Required by {status.data!.requiredBy.join(', ')}: it cannot be turned off.
                    </Text>
                  ) : null}
                  <Group gap="sm">
                    <PasswordPrompt
                      label="New recovery codes"
                      title="New recovery codes"
                      message="Your current recovery codes stop working, and ten new ones are shown once."
                      confirmLabel="Make new codes"
                      onConfirm={async (password) =>
                        setFreshCodes((await regenerate.mutateAsync(password)).recoveryCodes)
                      }
                    />
                    <PasswordPrompt
                      label="Turn off"
                      color="red"
                      disabled={status.data!.required}
                      title="Turn off two-step verification?"
                      message="Your password alone will then be enough to sign in."
                      confirmLabel="Turn off"
                      onConfirm={(password) => disable.mutateAsync(password)}
                    />
                  </Group>
                </Stack>
              ) : (
                <Enrol onEnrolled={setFreshCodes} />
              )
            }
          </QueryState>
        )}
      </Paper>
    </PageSection>
  );
}

function Enrol({ onEnrolled }: { onEnrolled: (codes: string[]) => void }) {
  const start = useStartTotpEnrolment();
  const confirm = useConfirmTotpEnrolment();
  const changed = useSecondFactorChanged();
  if (start.data) {
    const onConfirmed = (answer: { recoveryCodes: string[] }) => {
      onEnrolled(answer.recoveryCodes);
      void changed();
    };
    return <ConfirmAuthenticatorForm enrolment={start.data} confirm={confirm} onConfirmed={onConfirmed} />;
  }
  return (
    <Stack gap="sm" align="flex-start">
      <Text size="sm">
        Off. With an authenticator app on your phone, signing in takes your password and a 6-digit code, so a
        leaked password alone is not enough.
      </Text>
      <FormError error={start.error} />
      <Button onClick={() => start.mutate()} loading={start.isPending}>
        Set up an authenticator app
      </Button>
    </Stack>
  );
}
