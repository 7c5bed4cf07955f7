import { Badge, Group, Select, Text, type ComboboxItem } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';
import type { AccountAccess } from '../../api/types';
import { switchAccountPath } from './navigation';

const SWITCHER_ID = 'account-switcher';

/**
 * Lists the accounts the person may act for; a partner's customers are marked "on behalf of",
 * since every action there is done for the customer. The label is a plain `<label>` (hidden
 * visually on narrow screens only) so that "Account" names the input and nothing else: the
 * options list stays mounted while closed and would otherwise carry the same name.
 */
export function AccountSwitcher({
  accounts,
  current,
  compact,
}: {
  accounts: AccountAccess[];
  current: AccountAccess | null;
  compact?: boolean;
}) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const listed = current && !accounts.some((a) => a.id === current.id) ? [...accounts, current] : accounts;
  const viaDelegation = new Set(listed.filter((a) => a.via === 'delegation').map((a) => a.id));

  return (
    <Group gap="xs" wrap="nowrap">
      <Text component="label" htmlFor={SWITCHER_ID} size="sm" fw={500} className="visually-hidden-below-md">
        Account
      </Text>
      <Select
        id={SWITCHER_ID}
        data={listed.map((account): ComboboxItem => ({ value: account.id, label: account.name }))}
        value={current?.id ?? null}
        placeholder={compact ? 'Choose…' : 'Choose an account'}
        allowDeselect={false}
        searchable={listed.length > 8}
        nothingFoundMessage="No account matches"
        w={compact ? 170 : 260}
        comboboxProps={{ width: 300, position: 'bottom-end' }}
        onChange={(accountId) => {
          if (accountId) void navigate(switchAccountPath(pathname, accountId));
        }}
        renderOption={({ option }) => (
          <Group gap="xs" justify="space-between" wrap="nowrap" w="100%">
            <Text size="sm">{option.label}</Text>
            {viaDelegation.has(option.value) ? (
              <Badge size="xs" variant="light" color="grape">
                on behalf of
              </Badge>
            ) : null}
          </Group>
        )}
      />
      {current?.via === 'delegation' ? (
        <Badge variant="light" color="grape" visibleFrom="sm">
          on behalf of
        </Badge>
      ) : null}
    </Group>
  );
}
