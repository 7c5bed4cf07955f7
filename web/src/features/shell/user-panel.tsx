import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Me } from '../../api/types';
import { SignOutButton } from '../auth/sign-out-button';

/** Who is signed in, and the way out. `stacked` for the narrow navigation drawer. */
export function UserPanel({ me, stacked }: { me: Me; stacked?: boolean }) {
  const Layout = stacked ? Stack : Group;
  return (
    <Layout gap="sm" wrap="nowrap" align={stacked ? 'stretch' : 'center'}>
      <Stack gap={0} miw={0}>
        <Text size="sm" fw={500} truncate title={me.user.email}>
          {me.user.name || me.user.email}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {me.vendorRole ? `Vendor ${me.vendorRole}` : me.user.email}
        </Text>
      </Stack>
      <Anchor component={Link} to="/security" size="sm">
        Security
      </Anchor>
      <SignOutButton />
    </Layout>
  );
}
