import { Button, Checkbox, Group, Modal, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import type { CustomField } from './licenses.api';
import { useCreateCustomField } from './licenses.hooks';

const TYPES = [
  { value: 'text', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'date', label: 'Date' },
  { value: 'choice', label: 'Choice' },
];

/** A new field of the account's own (account admins): a name the API uses, a label people read, a type. */
export function CustomFieldModal({ accountId, onClose }: { accountId: string; onClose: () => void }) {
  const [name, setName] = useState('');
  const [label, setLabel] = useState('');
  const [type, setType] = useState<CustomField['type']>('text');
  const [choices, setChoices] = useState<string[]>([]);
  const [required, setRequired] = useState(false);
  const create = useCreateCustomField(accountId);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, label: label || undefined, type, choices: type === 'choice' ? choices : undefined, required }, { onSuccess: onClose });
  };
  const fieldErrors = isApiError(create.error) ? create.error.fieldErrors() : {};
  return (
    <Modal opened onClose={onClose} title="New custom field" centered>
      <form onSubmit={onSubmit} aria-label="New custom field">
        <Stack gap="sm">
          {Object.keys(fieldErrors).length > 0 ? null : <FormError error={create.error} />}
          <TextInput label="Name" description="Lowercase letters, digits and _, e.g. cost_center" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldErrors.name} data-autofocus />
          <TextInput label="Label" description="As shown in the list, e.g. Cost center" value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={fieldErrors.label} />
          <Select label="Type" data={TYPES} value={type} onChange={(v) => setType((v as CustomField['type']) ?? 'text')} allowDeselect={false} />
          {type === 'choice' ? <TagsInput label="Choices" description="Press Enter after each" value={choices} onChange={setChoices} error={fieldErrors.choices} /> : null}
          <Checkbox label="Required: a value, once set, cannot be cleared" checked={required} onChange={(e) => setRequired(e.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create field
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
