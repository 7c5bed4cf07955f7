import { Button, Group, SimpleGrid, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { AuditFilters } from '../../api/types';

interface AuditFilterFormProps {
  applied: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}

export function AuditFilterForm({ applied, onApply }: AuditFilterFormProps) {
  const [draft, setDraft] = useState<AuditFilters>(applied);
  const set = (field: keyof AuditFilters) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setDraft({ ...draft, [field]: event.currentTarget.value });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const clear = () => {
    setDraft({});
    onApply({});
  };
  return (
    <form onSubmit={onSubmit} aria-label="Filter the audit log">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
        <TextInput
          label="Actor"
          description="User ID or e-mail"
          value={draft.actor ?? ''}
          onChange={set('actor')}
        />
        <TextInput
          label="Account"
          description="Account ID"
          value={draft.account ?? ''}
          onChange={set('account')}
        />
        <TextInput
          label="Action"
          description="e.g. license.issued"
          value={draft.action ?? ''}
          onChange={set('action')}
        />
        <TextInput
          label="From"
          description="On or after"
          type="date"
          value={draft.from ?? ''}
          onChange={set('from')}
        />
        <TextInput
          label="To"
          description="On or before"
          type="date"
          value={draft.to ?? ''}
          onChange={set('to')}
        />
      </SimpleGrid>
      <Group mt="sm" gap="sm">
        <Button type="submit">Apply filters</Button>
        <Button variant="default" onClick={clear}>
          Clear filters
        </Button>
      </Group>
    </form>
  );
}
