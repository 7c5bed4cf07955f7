import { Button, Code, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { AuditEntry } from '../../api/types';

/** The recorded data of one audit entry, opened on demand so rows stay one line high. */
export function AuditDataButton({ entry }: { entry: AuditEntry }) {
  const [opened, { open, close }] = useDisclosure(false);
  if (!entry.data || Object.keys(entry.data).length === 0) return <>—</>;
  return (
    <>
      <Button
        size="xs"
        variant="light"
        onClick={open}
        aria-label={`Show details of ${entry.action} at ${entry.at}`}
      >
        Show
      </Button>
      <Modal opened={opened} onClose={close} title={entry.action} size="lg">
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {JSON.stringify(entry.data, null, 2)}
        </Code>
      </Modal>
    </>
  );
}
