import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent, type ReactNode } from 'react';
import { isApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';

interface PasswordPromptProps {
  label: string;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  color?: string;
  disabled?: boolean;
  /** Runs with the password typed; the prompt closes when it resolves. */
  onConfirm: (password: string) => Promise<unknown>;
}

/** A button that asks for the password again before weakening how the person signs in. */
export function PasswordPrompt({
  label,
  title,
  message,
  confirmLabel,
  color,
  disabled,
  onConfirm,
}: PasswordPromptProps) {
  const [opened, { open, close }] = useDisclosure(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onConfirm(password);
      setPassword('');
      close();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const passwordError = isApiError(error) ? error.fieldErrors().password : undefined;

  return (
    <>
      <Button variant="light" color={color} onClick={open} disabled={disabled}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <form onSubmit={(event) => void onSubmit(event)}>
          <Stack gap="md">
            <Text size="sm">{message}</Text>
            {passwordError ? null : <FormError error={error} />}
            <PasswordInput
              label="Your password"
              autoComplete="current-password"
              required
              autoFocus
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={passwordError}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" color={color} loading={busy}>
                {confirmLabel}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
