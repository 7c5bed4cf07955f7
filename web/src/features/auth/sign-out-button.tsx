import { Button, type ButtonProps } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useSignOut } from './auth.hooks';
import { SIGN_IN_PATH } from './session.rules';

export function SignOutButton(props: Pick<ButtonProps, 'variant' | 'size' | 'fullWidth'>) {
  const signOut = useSignOut();
  const navigate = useNavigate();
  const onSignOut = async () => {
    try {
      await signOut.mutateAsync();
    } catch {
      // The session is dropped locally either way (see useSignOut).
    }
    void navigate(SIGN_IN_PATH, { replace: true });
  };
  return (
    <Button
      variant="default"
      size="xs"
      {...props}
      onClick={() => void onSignOut()}
      loading={signOut.isPending}
    >
      Sign out
    </Button>
  );
}
