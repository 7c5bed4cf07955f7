import { Button, Group, SegmentedControl, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { activeFilters, SORT_CHOICES, withFilter } from './license-query';
import type { CustomField, LicenseQuery, LicenseSummary } from './licenses.api';

interface FilterBarProps {
  query: LicenseQuery;
  /** Given how to change the query, so that quick successive changes each apply to the latest one. */
  onChange: (change: (query: LicenseQuery) => LicenseQuery) => void;
  fields: CustomField[];
  /** The account's products, for the product filter. */
  products: LicenseSummary['byProduct'];
}

const STATUSES = ['active', 'expired', 'revoked', 'retired'].map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }));

/** Search, every filter of the list, and its order; each change is a new list query. */
export function LicenseFilterBar({ query, onChange, fields, products }: FilterBarProps) {
  const set = (key: string) => (value: string | null) => onChange((current) => withFilter(current, key, value));
  const sortChoices = [
    ...SORT_CHOICES,
    ...fields.flatMap((f) => [
      { value: `field.${f.name}`, label: `${f.label}, ascending` },
      { value: `-field.${f.name}`, label: `${f.label}, descending` },
    ]),
  ];
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <DebouncedInput label="Search" placeholder="Key, serial, host ID, product or value" value={query.q} onChange={set('q')} w={280} type="search" />
      <Select
        label="Product"
        placeholder="Any product"
        data={products.map((p) => ({ value: p.sku, label: `${p.sku} · ${p.name}` }))}
        value={query.product ?? null}
        onChange={set('product')}
        clearable
        searchable
        w={220}
      />
      <DebouncedInput label="Version" value={query.version} onChange={set('version')} w={90} />
      <Select label="Status" placeholder="Any status" data={STATUSES} value={query.status ?? null} onChange={set('status')} clearable w={130} />
      <TextInput label="Expires from" type="date" value={query.expiresAfter ?? ''} onChange={(e) => set('expiresAfter')(e.currentTarget.value)} w={150} />
      <TextInput label="Expires before" type="date" value={query.expiresBefore ?? ''} onChange={(e) => set('expiresBefore')(e.currentTarget.value)} w={150} />
      <DebouncedInput label="Host ID" value={query.hostId} onChange={set('hostId')} w={170} />
      {fields.map((f) =>
        f.type === 'choice' ? (
          <Select key={f.id} label={f.label} placeholder="Any" data={f.choices ?? []} value={query[`field.${f.name}`] ?? null} onChange={set(`field.${f.name}`)} clearable w={150} />
        ) : (
          <DebouncedInput key={f.id} label={f.label} type={f.type === 'date' ? 'date' : 'text'} value={query[`field.${f.name}`]} onChange={set(`field.${f.name}`)} w={150} />
        ),
      )}
      <Select label="Sort" data={sortChoices} value={query.sort ?? null} placeholder="Newest first" onChange={set('sort')} allowDeselect={false} w={200} />
      <SegmentedControl
        aria-label="Whose licenses"
        value={query.shared ?? 'all'}
        onChange={(v) => set('shared')(v === 'all' ? null : v)}
        data={[
          { value: 'all', label: 'All' },
          { value: 'false', label: 'Ours' },
          { value: 'true', label: 'Shared with me' },
        ]}
      />
      {activeFilters(query).length > 0 ? (
        <Button variant="subtle" onClick={() => onChange((current): LicenseQuery => (current.sort ? { sort: current.sort } : {}))}>
          Clear filters
        </Button>
      ) : null}
    </Group>
  );
}

/** A text filter that asks the server once the person pauses typing; a new `value` from outside (a saved view) replaces it. */
function DebouncedInput({ label, value, onChange, ...rest }: { label: string; value: string | undefined; onChange: (v: string) => void; w: number; placeholder?: string; type?: string }) {
  const [text, setText] = useState(value ?? '');
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value ?? '');
  }
  const commit = useDebouncedCallback((v: string) => onChange(v.trim()), 400);
  return (
    <TextInput
      label={label}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        commit(e.currentTarget.value);
      }}
      {...rest}
    />
  );
}
