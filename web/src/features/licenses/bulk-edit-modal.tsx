import { Alert, Button, Group, List, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import type { CustomField, LicenseItem } from './licenses.api';
import { useSetCustomValuesOfSelection } from './licenses.hooks';

interface BulkEditProps {
  accountId: string;
  /** The selection, in the order sent: a refusal names a license by its place in it. */
  licenses: LicenseItem[];
  fields: CustomField[];
  onClose: () => void;
}

/** One value of one field on every selected license; the whole selection changes, or none of it. */
export function BulkEditModal({ accountId, licenses, fields, onClose }: BulkEditProps) {
  const licenseIds = licenses.map((l) => l.id);
  const [fieldName, setFieldName] = useState<string | null>(fields[0]?.name ?? null);
  const [value, setValue] = useState('');
  const save = useSetCustomValuesOfSelection(accountId);
  const field = fields.find((f) => f.name === fieldName);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!field) return;
    save.mutate({ licenseIds, values: { [field.name]: value === '' ? null : value } }, { onSuccess: onClose });
  };
  const fieldErrors = isApiError(save.error) ? save.error.fieldErrors() : {};
  const refused = Object.entries(fieldErrors).flatMap(([at, message]) => {
    const place = /^licenseIds\.(\d+)$/.exec(at);
    const license = place ? licenses[Number(place[1])] : undefined;
    return license ? [`${license.licenseKey}: ${message}`] : [];
  });
  return (
    <Modal opened onClose={onClose} title={`Set a value on ${licenseIds.length} ${licenseIds.length === 1 ? 'license' : 'licenses'}`} centered>
      <form onSubmit={onSubmit} aria-label="Set a custom value on the selection">
        <Stack gap="sm">
          {refused.length > 0 ? (
            <Alert color="red" variant="light" role="alert" title="Nothing was changed: these licenses cannot take the value">
              <List size="sm">
                {refused.map((line) => (
                  <List.Item key={line}>{line}</List.Item>
                ))}
              </List>
            </Alert>
          ) : (
            <FormError error={save.error} />
          )}
          <Select label="Field" data={fields.map((f) => ({ value: f.name, label: f.label }))} value={fieldName} onChange={setFieldName} allowDeselect={false} />
          {field?.type === 'choice' ? (
            <Select label="Value" data={field.choices ?? []} value={value || null} onChange={(v) => setValue(v ?? '')} clearable={!field.required} error={fieldErrors[`values.${field.name}`]} />
          ) : (
            <TextInput label="Value" type={field?.type === 'date' ? 'date' : 'text'} value={value} onChange={(e) => setValue(e.currentTarget.value)} error={field ? fieldErrors[`values.${field.name}`] : undefined} />
          )}
          <Text size="xs" c="dimmed">
            Leave the value empty to clear the field.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!field}>
              Apply to selection
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
