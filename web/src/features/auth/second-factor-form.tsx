import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { useSignInWithCode } from './auth.hooks';
import { secondFactorFailureMessage } from './sign-in.messages';

interface SecondFactorFormProps {
  challengeToken: string;
  /** Back to the password: the challenge expired, or the person chose to start over. */
  onRestart: (reason: string | null) => void;
}

/** The second step of signing in, for people who protect their sign-in with an authenticator app. */
export function SecondFactorForm({ challengeToken, onRestart }: SecondFactorFormProps) {
  const [code, setCode] = useState('');
  const verify = useSignInWithCode();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    verify.mutate(
      { challengeToken, code: code.trim() },
      {
        onError: (error) => {
          // An expired or exhausted challenge cannot be answered any more: the password comes first again.
          if (isApiError(error) && error.code === 'token_invalid')
            onRestart(secondFactorFailureMessage(error));
        },
      },
    );
  };

  const failure = secondFactorFailureMessage(verify.error);
  return (
    <form onSubmit={onSubmit}>
      <Stack gap="md">
        <Text size="sm">Open your authenticator app and type the code it shows for this portal.</Text>
        {failure ? (
          <Alert color="red" variant="light" role="alert">
            {failure}
          </Alert>
        ) : null}
        <TextInput
          label="Authentication code"
          description="The 6-digit code from your app, or one of your recovery codes."
          name="one-time-code"
          autoComplete="one-time-code"
          required
          autoFocus
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
        />
        <Button type="submit" loading={verify.isPending} fullWidth>
          Verify
        </Button>
        <Anchor component="button" type="button" size="sm" ta="center" onClick={() => onRestart(null)}>
          Sign in as someone else
        </Anchor>
      </Stack>
    </form>
  );
}
