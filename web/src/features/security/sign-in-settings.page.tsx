import { Text } from '@mantine/core';
import { PageLayout } from '../../components/page-layout';
import { QueryState } from '../../components/query-states';
import { isAccountAdmin } from '../auth/permissions';
import { useCurrentAccount } from '../shell/account-context';
import { IdentityProviderForm } from './identity-provider-form';
import { useIdentityProvider } from './security.hooks';
import { SignInPolicySection } from './sign-in-policy-section';
import { SsoDomainsSection } from './sso-domains-section';

/** An account admin's sign-in settings: requirements, the identity provider and its e-mail domains. */
export function SignInSettingsPage() {
  const account = useCurrentAccount();
  const provider = useIdentityProvider(account.id);
  if (!isAccountAdmin(account)) {
    return (
      <PageLayout title="Sign-in">
        <Text size="sm">Only the admins of {account.name} change how its members sign in.</Text>
      </PageLayout>
    );
  }
  return (
    <PageLayout
      title="Sign-in"
      description={`How the members of ${account.name} sign in: single sign-on and two-step verification.`}
    >
      <QueryState query={provider} loadingLabel="Loading sign-in settings…">
        {() => (
          <>
            <SignInPolicySection accountId={account.id} hasProvider={provider.data !== null} />
            <IdentityProviderForm
              accountId={account.id}
              provider={provider.data ?? null}
              isVendor={account.kind === 'vendor'}
            />
            <SsoDomainsSection accountId={account.id} />
          </>
        )}
      </QueryState>
    </PageLayout>
  );
}
