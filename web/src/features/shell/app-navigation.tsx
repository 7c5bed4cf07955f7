import { Divider, ScrollArea, Stack, Text } from '@mantine/core';
import type { AccountAccess, Me } from '../../api/types';
import { canSeeAdminArea } from '../auth/permissions';
import { ACCOUNT_AREAS, ADMIN_ITEMS, accountPath, accountSettingsItems } from './navigation';
import { NavItem } from './nav-item';

interface AppNavigationProps {
  me: Me;
  account: AccountAccess | null;
  onNavigate: () => void;
}

export function AppNavigation({ me, account, onNavigate }: AppNavigationProps) {
  return (
    <ScrollArea type="auto" style={{ flex: 1 }}>
      <Stack gap="md" p="sm">
        {account ? (
          <>
            <NavGroup title={account.name}>
              {ACCOUNT_AREAS.map((item) => (
                <NavItem
                  key={item.path}
                  to={accountPath(account.id, item.path)}
                  label={item.label}
                  onNavigate={onNavigate}
                />
              ))}
            </NavGroup>
            <NavGroup title="Settings">
              {accountSettingsItems(account).map((item) => (
                <NavItem
                  key={item.path}
                  to={accountPath(account.id, item.path)}
                  label={item.label}
                  onNavigate={onNavigate}
                />
              ))}
            </NavGroup>
          </>
        ) : me.accounts.length > 0 ? (
          <Text size="sm" c="dimmed" px="sm">
            Choose an account above to see its licenses, keys and downloads.
          </Text>
        ) : null}
        {canSeeAdminArea(me) ? (
          <>
            {account ? <Divider /> : null}
            <NavGroup title="Administration">
              {ADMIN_ITEMS.map((item) => (
                <NavItem key={item.path} to={item.path} label={item.label} onNavigate={onNavigate} />
              ))}
            </NavGroup>
          </>
        ) : null}
      </Stack>
    </ScrollArea>
  );
}

function NavGroup({ title, children }: { title: string; children: React.ReactNode }) {
  const id = `nav-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <Stack gap={2} role="group" aria-labelledby={id}>
      <Text id={id} size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" pb={4} truncate>
        {title}
      </Text>
      {children}
    </Stack>
  );
}
