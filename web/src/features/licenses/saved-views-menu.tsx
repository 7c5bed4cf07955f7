import { Button, Group, Menu, Modal, Stack, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { FormError } from '../../components/form-error';
import type { LicenseQuery, SavedView } from './licenses.api';
import { useDeleteView, useSavedViews, useSaveView } from './licenses.hooks';

interface SavedViewsProps {
  accountId: string;
  query: LicenseQuery;
  hidden: string[];
  onApply: (view: SavedView) => void;
}

/** A person's named lists: the filters, order and columns as they are now, applied again in one click. */
export function SavedViewsMenu({ accountId, query, hidden, onApply }: SavedViewsProps) {
  const views = useSavedViews(accountId);
  const remove = useDeleteView(accountId);
  const [saving, { open, close }] = useDisclosure(false);
  return (
    <>
      <Menu shadow="md" width={260} position="bottom-end">
        <Menu.Target>
          <Button variant="default">Saved views</Button>
        </Menu.Target>
        <Menu.Dropdown>
          {(views.data ?? []).map((view) => (
            <Group key={view.id} justify="space-between" wrap="nowrap" gap={0}>
              <Menu.Item onClick={() => onApply(view)}>{view.name}</Menu.Item>
              <Button variant="subtle" color="red" size="compact-xs" aria-label={`Delete view ${view.name}`} onClick={() => remove.mutate(view.id)}>
                Delete
              </Button>
            </Group>
          ))}
          {(views.data ?? []).length === 0 ? <Menu.Label>No saved views yet</Menu.Label> : <Menu.Divider />}
          <Menu.Item onClick={open}>Save this view…</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={saving} onClose={close} title="Save this view" centered>
        {saving ? <SaveViewForm accountId={accountId} query={query} hidden={hidden} onDone={close} /> : null}
      </Modal>
    </>
  );
}

function SaveViewForm({ accountId, query, hidden, onDone }: { accountId: string; query: LicenseQuery; hidden: string[]; onDone: () => void }) {
  const [name, setName] = useState('');
  const save = useSaveView(accountId);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ name, query, hiddenColumns: hidden }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={onSubmit}>
      <Stack gap="sm">
        <FormError error={save.error} />
        <TextInput label="Name" required maxLength={100} value={name} onChange={(e) => setName(e.currentTarget.value)} description="Saving under an existing name replaces that view." data-autofocus />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
