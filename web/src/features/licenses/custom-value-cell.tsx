import { ActionIcon, Group, Select, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useRef, useState, type KeyboardEvent } from 'react';
import { describeError, isApiError } from '../../api/api-error';
import type { CustomField, LicenseItem } from './licenses.api';
import { useSetCustomValues } from './licenses.hooks';

interface CellProps {
  accountId: string;
  license: LicenseItem;
  field: CustomField;
  canEdit: boolean;
}

/** A custom value in the table, edited in place: Enter or leaving the cell saves, Escape cancels. */
export function CustomValueCell({ accountId, license, field, canEdit }: CellProps) {
  const value = license.customFields[field.name];
  const [editing, setEditing] = useState(false);
  const save = useSetCustomValues(accountId);
  // Enter saves, and the input then loses focus (it is disabled while saving): one save, not two.
  const saving = useRef(false);
  const shown = value === undefined || value === null ? '' : String(value);
  if (!editing) {
    if (!canEdit) return <Text size="sm">{shown || '—'}</Text>;
    return (
      <UnstyledButton onClick={() => setEditing(true)} aria-label={`Edit ${field.label} of ${license.licenseKey}`} data-testid={`cell-${field.name}-${license.id}`}>
        <Text size="sm" c={shown ? undefined : 'dimmed'}>
          {shown || '—'}
        </Text>
      </UnstyledButton>
    );
  }
  const commit = (next: string) => {
    if (saving.current) return;
    if (next === shown) return setEditing(false);
    saving.current = true;
    save.mutate(
      { licenseId: license.id, values: { [field.name]: next === '' ? null : next } },
      { onSuccess: () => setEditing(false), onSettled: () => void (saving.current = false) },
    );
  };
  const error = save.error ? (isApiError(save.error) ? (save.error.fieldErrors()[`values.${field.name}`] ?? describeError(save.error)) : describeError(save.error)) : null;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit(event.currentTarget.value.trim());
    if (event.key === 'Escape') setEditing(false);
  };
  const label = `${field.label} of ${license.licenseKey}`;
  return (
    <Group gap={4} wrap="nowrap">
      {field.type === 'choice' ? (
        <Select
          aria-label={label}
          size="xs"
          data={field.choices ?? []}
          defaultValue={shown || null}
          clearable={!field.required}
          onChange={(v) => commit(v ?? '')}
          error={error}
          autoFocus
          w={140}
        />
      ) : (
        <TextInput
          aria-label={label}
          size="xs"
          type={field.type === 'date' ? 'date' : 'text'}
          inputMode={field.type === 'number' ? 'decimal' : undefined}
          defaultValue={shown}
          onKeyDown={onKeyDown}
          onBlur={(e) => commit(e.currentTarget.value.trim())}
          error={error}
          disabled={save.isPending}
          autoFocus
          w={140}
        />
      )}
      <ActionIcon variant="subtle" size="sm" aria-label={`Cancel editing ${label}`} onClick={() => setEditing(false)}>
        ×
      </ActionIcon>
    </Group>
  );
}
