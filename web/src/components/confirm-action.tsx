import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { FormError } from './form-error';

interface ConfirmActionProps {
  /** The button's text. */
  label: string;
  /** A fuller accessible name when the text alone is ambiguous in a table ("Revoke token ci"). */
  ariaLabel?: string;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  color?: ButtonProps['color'];
}

/** A button that asks before doing something that cannot be undone. */
export function ConfirmAction({ label, ariaLabel, title, color = 'red', ...body }: ConfirmActionProps) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="subtle" color={color} size="xs" onClick={open} aria-label={ariaLabel}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        {opened ? <ConfirmBody {...body} color={color} onDone={close} /> : null}
      </Modal>
    </>
  );
}

type ConfirmBodyProps = Pick<ConfirmActionProps, 'message' | 'confirmLabel' | 'onConfirm' | 'color'> & {
  onDone: () => void;
};

function ConfirmBody({ message, confirmLabel, onConfirm, color, onDone }: ConfirmBodyProps) {
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onDone();
    } catch (cause) {
      setError(cause);
      setBusy(false);
    }
  };
  return (
    <Stack gap="md">
      <Text size="sm">{message}</Text>
      <FormError error={error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone} disabled={isBusy}>
          Cancel
        </Button>
        <Button color={color} loading={isBusy} onClick={() => void confirm()} data-autofocus>
          {confirmLabel}
        </Button>
      </Group>
    </Stack>
  );
}
