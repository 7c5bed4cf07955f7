import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { linkFailureMessage } from './sign-in.messages';

interface SetPasswordFormProps {
  submitLabel: string;
  isPending: boolean;
  error: unknown;
  onSubmit: (password: string) => void;
}

/** Choosing a password from an e-mailed link (reset or invitation): typed twice to catch slips. */
export function SetPasswordForm({ submitLabel, isPending, error, onSubmit }: SetPasswordFormProps) {
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password !== repeated) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    onSubmit(password);
  };

  const fieldErrors = isApiError(error) ? error.fieldErrors() : {};
  const linkFailure = linkFailureMessage(error);
  return (
    <form onSubmit={submit}>
      <Stack gap="md">
        {linkFailure ? (
          <Alert color="red" variant="light" role="alert">
            {linkFailure}
          </Alert>
        ) : fieldErrors.password ? null : (
          <FormError error={error} />
        )}
        <PasswordInput
          label="New password"
          name="new-password"
          autoComplete="new-password"
          required
          autoFocus
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={fieldErrors.password}
        />
        <PasswordInput
          label="Confirm password"
          name="repeat-password"
          autoComplete="new-password"
          required
          value={repeated}
          onChange={(event) => setRepeated(event.currentTarget.value)}
          error={mismatch ? 'The two passwords are not the same.' : undefined}
        />
        <Button type="submit" loading={isPending} fullWidth>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
