import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/api-error';
import { FullPageLoader } from '../../components/full-page-state';
import { AuthLayout } from './auth-layout';
import { useMe, useSignIn } from './auth.hooks';
import { SecondFactorForm } from './second-factor-form';
import { signInFailureMessage } from './sign-in.messages';
import { postSignInPath } from './session.rules';

export function SignInPage() {
  const me = useMe();
  const [params] = useSearchParams();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [restartReason, setRestartReason] = useState<string | null>(null);

  if (me.isPending) return <FullPageLoader />;
  // Already signed in, or just signed in: /me now answers, so go where the person was headed.
  if (me.data) return <Navigate to={postSignInPath(me.data, params.get('next'))} replace />;

  if (signIn.data?.kind === 'second-factor') {
    return (
      <AuthLayout title="Two-step verification">
        <SecondFactorForm
          challengeToken={signIn.data.challengeToken}
          onRestart={(reason) => {
            setPassword('');
            setRestartReason(reason);
            signIn.reset();
          }}
        />
      </AuthLayout>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setRestartReason(null);
    signIn.mutate({ email: email.trim(), password });
  };

  const fieldErrors = isApiError(signIn.error) ? signIn.error.fieldErrors() : {};
  const failure = signInFailureMessage(signIn.error) ?? restartReason;

  return (
    <AuthLayout title="Sign in">
      <form onSubmit={onSubmit}>
        <Stack gap="md">
          {failure ? (
            <Alert color="red" variant="light" role="alert">
              {failure}
            </Alert>
          ) : null}
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
          <PasswordInput
            label="Password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={fieldErrors.password}
          />
          <Button type="submit" loading={signIn.isPending} fullWidth>
            Sign in
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
            Forgot password?
          </Anchor>
          <Anchor component={Link} to="/sign-in/sso" size="sm" ta="center">
            Sign in with single sign-on
          </Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}
