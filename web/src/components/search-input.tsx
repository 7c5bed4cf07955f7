import { TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';

/** A search box that asks the server once the person pauses typing. */
export function SearchInput({
  label,
  placeholder,
  onSearch,
}: {
  label: string;
  placeholder?: string;
  onSearch: (q: string) => void;
}) {
  const [value, setValue] = useState('');
  const search = useDebouncedCallback((q: string) => onSearch(q.trim()), 300);
  return (
    <TextInput
      type="search"
      label={label}
      placeholder={placeholder}
      value={value}
      onChange={(event) => {
        setValue(event.currentTarget.value);
        search(event.currentTarget.value);
      }}
      maw={360}
    />
  );
}
