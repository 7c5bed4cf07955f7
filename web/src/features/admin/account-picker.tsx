import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { listAdminAccounts } from '../../api/endpoints/admin.api';
import { queryKeys } from '../../api/query-keys';

interface AccountPickerProps {
  label: string;
  value: string | null;
  onChange: (accountId: string | null, accountName: string | null) => void;
  error?: string;
}

/** Chooses an account by name, searching the server as the person types. */
export function AccountPicker({ label, value, onChange, error }: AccountPickerProps) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const accounts = useQuery({
    queryKey: [...queryKeys.adminAccountsAll, 'picker', q],
    queryFn: ({ signal }) => listAdminAccounts({ q, limit: 50 }, signal),
    placeholderData: (previous) => previous,
  });
  const data = (accounts.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.name} (${a.kind})` }));
  return (
    <Select
      label={label}
      required
      searchable
      data={data}
      value={value}
      onChange={(id, option) => onChange(id, option?.label ?? null)}
      onSearchChange={setSearch}
      nothingFoundMessage={accounts.isFetching ? 'Searching…' : 'No account matches'}
      error={error ?? (accounts.isError ? 'Accounts could not be loaded.' : undefined)}
      style={{ flex: '1 1 240px' }}
    />
  );
}
