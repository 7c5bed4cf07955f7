import { Button, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import type { RecoveryCodes, TotpEnrollment } from '../../api/types';
import { FormError } from '../../components/form-error';
import { AuthenticatorKey } from './authenticator-key';
import type { useConfirmTotpEnrolment } from './two-factor.hooks';

interface ConfirmAuthenticatorFormProps {
  enrolment: TotpEnrollment;
  /** Owned by the page, which shows the recovery codes from its answer. */
  confirm: ReturnType<typeof useConfirmTotpEnrolment>;
  onConfirmed?: (answer: RecoveryCodes) => void;
}

/** The key to type into the authenticator app, and its first code, which turns the second factor on. */
export function ConfirmAuthenticatorForm({ enrolment, confirm, onConfirmed }: ConfirmAuthenticatorFormProps) {
  const [code, setCode] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    confirm.mutate(code.replace(/\s/g, ''), { onSuccess: onConfirmed });
  };
  const codeError = isApiError(confirm.error) ? confirm.error.fieldErrors().code : undefined;
  return (
    <form onSubmit={onSubmit}>
      <Stack gap="md">
        <AuthenticatorKey enrolment={enrolment} />
        {codeError ? null : <FormError error={confirm.error} />}
        <TextInput
          label="Code from your app"
          description="Type the 6-digit code the app now shows for this portal."
          name="one-time-code"
          autoComplete="one-time-code"
          inputMode="numeric"
          required
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={codeError}
        />
        <Button type="submit" loading={confirm.isPending}>
          Turn on two-step verification
        </Button>
      </Stack>
    </form>
  );
}
