import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import type { CreatedApiToken } from '../../api/types';

/** The secret of a new token: shown this once, never again; the server keeps only its hash. */
export function CreatedTokenPanel({ token, onDismiss }: { token: CreatedApiToken; onDismiss: () => void }) {
  return (
    <Alert color="green" variant="light" title={`Token “${token.name}” created`} role="status">
      <Stack gap="sm">
        <Text size="sm">Copy it now. For your security it will not be shown again.</Text>
        <Code block aria-label="New API token" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {token.token}
        </Code>
        <Group gap="sm">
          <CopyButton value={token.token}>
            {({ copied, copy }) => (
              <Button size="xs" color={copied ? 'teal' : undefined} onClick={copy}>
                {copied ? 'Copied' : 'Copy token'}
              </Button>
            )}
          </CopyButton>
          <Button size="xs" variant="default" onClick={onDismiss}>
            I have stored it
          </Button>
        </Group>
        <Text size="xs" c="dimmed" aria-live="polite">
          Use it as <code>Authorization: Bearer …</code>, or paste it into{' '}
          <code>renewal-assistant login</code>.
        </Text>
      </Stack>
    </Alert>
  );
}
