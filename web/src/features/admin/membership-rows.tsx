import { Button, Group, Select, Stack, Text } from '@mantine/core';
import type { AccountRole } from '../../api/types';
import { ACCOUNT_ROLES } from './account-kinds';
import { AccountPicker } from './account-picker';

export interface MembershipDraft {
  key: number;
  accountId: string | null;
  role: AccountRole;
}

interface MembershipRowsProps {
  rows: MembershipDraft[];
  onChange: (rows: MembershipDraft[]) => void;
  errors: Record<string, string>;
}

/** The accounts a new user joins, each with a role. */
export function MembershipRows({ rows, onChange, errors }: MembershipRowsProps) {
  const update = (key: number, patch: Partial<MembershipDraft>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const add = () => onChange([...rows, { key: Date.now(), accountId: null, role: 'member' }]);
  const remove = (key: number) => onChange(rows.filter((row) => row.key !== key));

  return (
    <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" fw={500} size="sm">
        Memberships
      </Text>
      {errors.memberships ? (
        <Text size="sm" c="red" role="alert">
          {errors.memberships}
        </Text>
      ) : null}
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          Add at least one account for the user to belong to.
        </Text>
      ) : null}
      {rows.map((row, index) => (
        <Group key={row.key} align="flex-end" gap="sm" wrap="wrap">
          <AccountPicker
            label={`Account (membership ${index + 1})`}
            value={row.accountId}
            onChange={(accountId) => update(row.key, { accountId })}
            error={errors[`memberships.${index}.accountId`]}
          />
          <Select
            label={`Role (membership ${index + 1})`}
            required
            allowDeselect={false}
            data={ACCOUNT_ROLES}
            value={row.role}
            onChange={(role) => role && update(row.key, { role: role as AccountRole })}
            error={errors[`memberships.${index}.role`]}
            w={200}
          />
          <Button
            variant="subtle"
            color="red"
            onClick={() => remove(row.key)}
            aria-label={`Remove membership ${index + 1}`}
          >
            Remove
          </Button>
        </Group>
      ))}
      <Group>
        <Button variant="light" size="xs" onClick={add}>
          Add membership
        </Button>
      </Group>
    </Stack>
  );
}
