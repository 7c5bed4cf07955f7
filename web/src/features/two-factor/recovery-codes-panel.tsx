import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';

/** Recovery codes, shown once: each signs in once when the phone is not at hand. */
export function RecoveryCodesPanel({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const all = codes.join('\n');
  return (
    <Stack gap="md">
      <Alert color="green" variant="light" role="status" title="Two-step verification is on">
        From now on you sign in with your password and a code from your app.
      </Alert>
      <Text size="sm">
        Keep these recovery codes somewhere safe, apart from your phone. Each one works once, in place of a
        code from the app. They will not be shown again.
      </Text>
      <Code
        block
        aria-label="Recovery codes"
        style={{ columnCount: 2, fontSize: 'var(--mantine-font-size-sm)' }}
      >
        {all}
      </Code>
      <Group gap="sm">
        <CopyButton value={all}>
          {({ copied, copy }) => (
            <Button variant="light" color={copied ? 'teal' : undefined} onClick={copy}>
              {copied ? 'Copied' : 'Copy recovery codes'}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>I have stored them, continue</Button>
      </Group>
    </Stack>
  );
}
