import { Anchor, AppShell, Burger, Group } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Link, Outlet, useMatch } from 'react-router';
import { useVendorName } from '../auth/auth.hooks';
import { useSession } from '../auth/require-session';
import { CurrentAccountProvider, resolveAccountAccess } from './account-context';
import { AccountSwitcher } from './account-switcher';
import { AppNavigation } from './app-navigation';
import { useKnownAccount } from './use-known-account';
import { UserPanel } from './user-panel';

/** Below this width the navigation becomes a drawer behind a burger button (Mantine's `sm`). */
const NARROW = '(max-width: 48em)';

export function ShellLayout() {
  const me = useSession();
  const vendorName = useVendorName();
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const isNarrow = useMediaQuery(NARROW) ?? false;
  const accountId = useMatch('/a/:accountId/*')?.params.accountId;
  const known = useKnownAccount(accountId);
  const account = accountId ? resolveAccountAccess(me, accountId, known) : null;

  return (
    <>
      <a href="#main" className="skip-link">
        Skip to main content
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap" miw={0}>
              <Burger
                opened={navOpened}
                onClick={toggleNav}
                hiddenFrom="sm"
                size="sm"
                aria-label={navOpened ? 'Close navigation' : 'Open navigation'}
                aria-expanded={navOpened}
                aria-controls="main-navigation"
              />
              <Anchor component={Link} to="/" fw={700} size="lg" c="indigo.8" underline="never" truncate>
                {vendorName}
              </Anchor>
            </Group>
            <Group gap="md" wrap="nowrap">
              {me.accounts.length > 0 || account ? (
                <AccountSwitcher accounts={me.accounts} current={account} compact={isNarrow} />
              ) : null}
              {isNarrow ? null : <UserPanel me={me} />}
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar id="main-navigation" aria-label="Main navigation">
          <AppNavigation me={me} account={account} onNavigate={closeNav} />
          {isNarrow ? (
            <AppShell.Section p="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
              <UserPanel me={me} stacked />
            </AppShell.Section>
          ) : null}
        </AppShell.Navbar>

        <AppShell.Main id="main" tabIndex={-1}>
          <CurrentAccountProvider value={account}>
            <Outlet />
          </CurrentAccountProvider>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
