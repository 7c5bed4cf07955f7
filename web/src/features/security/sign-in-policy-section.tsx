import { Paper, Stack, Switch, Text } from '@mantine/core';
import { FormError } from '../../components/form-error';
import { PageSection } from '../../components/page-layout';
import { QueryState } from '../../components/query-states';
import { useSignInPolicy, useUpdateSignInPolicy } from './security.hooks';

/** What the account requires of every member's sign-in. */
export function SignInPolicySection({ accountId, hasProvider }: { accountId: string; hasProvider: boolean }) {
  const policy = useSignInPolicy(accountId);
  const update = useUpdateSignInPolicy(accountId);
  return (
    <PageSection title="Requirements">
      <Paper withBorder p="md">
        <QueryState query={policy} loadingLabel="Loading requirements…">
          {() => (
            <Stack gap="md">
              <FormError error={update.error} />
              <Switch
                label="Require two-step verification"
                description="Members who sign in with a password must also type a code from an authenticator app. Members without one are asked to set it up before anything else. Turn it on for yourself first."
                checked={policy.data!.twoFactorRequired}
                disabled={update.isPending}
                onChange={(event) => update.mutate({ twoFactorRequired: event.currentTarget.checked })}
              />
              <Switch
                label="Require single sign-on"
                description="Members can no longer sign in with a password; their password sessions end now. Sign in through your identity provider yourself once before you turn this on."
                checked={policy.data!.ssoRequired}
                disabled={update.isPending || (!hasProvider && !policy.data!.ssoRequired)}
                onChange={(event) => update.mutate({ ssoRequired: event.currentTarget.checked })}
              />
              {!hasProvider ? (
                <Text size="xs" c="dimmed">
                  Configure the identity provider below to offer single sign-on.
                </Text>
              ) : null}
            </Stack>
          )}
        </QueryState>
      </Paper>
    </PageSection>
  );
}
