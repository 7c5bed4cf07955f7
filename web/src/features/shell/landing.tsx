import { Navigate } from 'react-router';
import { PageLayout } from '../../components/page-layout';
import { Text } from '@mantine/core';
import { useSession } from '../auth/require-session';
import { landingPath } from '../auth/session.rules';

export function LandingRedirect() {
  const me = useSession();
  return <Navigate to={landingPath(me)} replace />;
}

export function NoAccountPage() {
  return (
    <PageLayout title="No account yet">
      <Text>
        Your sign-in is not linked to any account yet. Ask an administrator of your organization, or your
        vendor contact, to add you to your organization's account.
      </Text>
    </PageLayout>
  );
}

export function NotFoundPage() {
  return (
    <PageLayout title="Page not found">
      <Text>There is no page at this address. Use the navigation to find your way.</Text>
    </PageLayout>
  );
}
