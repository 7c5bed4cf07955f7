import { Code, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import type { OutboxMessage } from '../../api/types';
import { formatDateTime } from '../../components/format';
import { OutboxStatusBadge } from './outbox-status-badge';

export function OutboxMessageModal({
  message,
  onClose,
}: {
  message: OutboxMessage | null;
  onClose: () => void;
}) {
  return (
    <Modal opened={message !== null} onClose={onClose} title={message?.subject ?? 'Message'} size="lg">
      {message ? (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
            <Field label="To" value={message.to} />
            <Field label="Status" value={<OutboxStatusBadge status={message.status} />} />
            <Field label="Queued" value={formatDateTime(message.createdAt)} />
            <Field label="Sent" value={formatDateTime(message.sentAt)} />
            <Field label="Attempts" value={String(message.attempts)} />
          </SimpleGrid>
          {message.lastError ? (
            <Field label="Last error" value={<Code color="red.1">{message.lastError}</Code>} />
          ) : null}
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              Message
            </Text>
            <Code block style={{ whiteSpace: 'pre-wrap' }}>
              {message.text}
            </Code>
          </Stack>
        </Stack>
      ) : null}
    </Modal>
  );
}

function Field({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text size="sm" fw={600} miw={72}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ wordBreak: 'break-word' }}>
        {value}
      </Text>
    </Group>
  );
}
