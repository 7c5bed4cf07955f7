import { Badge, Tabs } from '@mantine/core';
import { PageLayout, PageSection } from '../../components/page-layout';
import { isAccountAdmin } from '../auth/permissions';
import { useCurrentAccount } from '../shell/account-context';
import { AlertsPanel } from './alerts-panel';
import { CalendarLink } from './calendar-link';
import { ContractsTable } from './contracts-table';
import { ExpiryTimeline } from './expiry-timeline';
import { useAlerts } from './maintenance.hooks';
import { ReminderLog } from './reminder-log';
import { ReminderSettingsSection } from './reminder-settings-form';

/** Maintenance & Renewals (SPEC §11): contracts and their end dates, alerts, reminders, settings, calendar. */
export function MaintenancePage() {
  const account = useCurrentAccount();
  const alerts = useAlerts(account.id);
  const canManage = isAccountAdmin(account);
  return (
    <PageLayout
      title="Maintenance & Renewals"
      description="Your maintenance contracts (M…) and the reminders sent before each one ends, by e-mail, in the portal, by webhook and in your calendar."
    >
      <Tabs defaultValue="contracts" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="contracts">Contracts</Tabs.Tab>
          <Tabs.Tab
            value="alerts"
            rightSection={
              alerts.unreadCount > 0 ? (
                <Badge size="xs" color="orange" aria-label={`${alerts.unreadCount} unread`}>
                  {alerts.unreadCount}
                </Badge>
              ) : null
            }
          >
            Alerts
          </Tabs.Tab>
          <Tabs.Tab value="reminders">Reminders</Tabs.Tab>
          <Tabs.Tab value="settings">Settings</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="contracts" pt="md">
          <PageSection title="Upcoming expiries">
            <ExpiryTimeline accountId={account.id} />
          </PageSection>
          <PageSection title="Contracts">
            <ContractsTable accountId={account.id} />
          </PageSection>
        </Tabs.Panel>
        <Tabs.Panel value="alerts" pt="md">
          <AlertsPanel accountId={account.id} />
        </Tabs.Panel>
        <Tabs.Panel value="reminders" pt="md">
          <ReminderLog accountId={account.id} />
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="md">
          <PageSection title="Schedule and recipients">
            <ReminderSettingsSection accountId={account.id} canManage={canManage} />
          </PageSection>
          <PageSection title="Calendar">
            <CalendarLink accountId={account.id} canManage={canManage} />
          </PageSection>
        </Tabs.Panel>
      </Tabs>
    </PageLayout>
  );
}
