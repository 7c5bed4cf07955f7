import { Anchor, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import type { TotpEnrollment } from '../../api/types';

/** Groups of four are easier to type into a phone than one long run of letters. */
export function groupedKey(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

export function AuthenticatorKey({ enrolment }: { enrolment: TotpEnrollment }) {
  return (
    <Stack gap="xs">
      <Text size="sm">
        In your authenticator app, add an account and type this key (the app may call it a setup key or
        secret):
      </Text>
      <Code
        block
        aria-label="Authenticator key"
        style={{ fontSize: 'var(--mantine-font-size-md)', letterSpacing: '0.05em' }}
      >
        {groupedKey(enrolment.secret)}
      </Code>
      <Group gap="sm">
        <CopyButton value={enrolment.secret}>
          {({ copied, copy }) => (
            <Button size="xs" variant="light" color={copied ? 'teal' : undefined} onClick={copy}>
              {copied ? 'Copied' : 'Copy key'}
            </Button>
          )}
        </CopyButton>
        <Anchor href={enrolment.otpauthUri} size="sm">
          Open in an authenticator app on this device
        </Anchor>
      </Group>
    </Stack>
  );
}
