import { Alert, Button, Checkbox, Group, Stack, TagsInput, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/api-error';
import { FormError } from '../../components/form-error';
import { QueryState } from '../../components/query-states';
import type { ReminderSettings } from './maintenance.api';
import { useReminderSettings, useSaveReminderSettings, useSendTestReminder } from './maintenance.hooks';

/** The account's schedule and recipients; admins change them and send a test reminder, others read them. */
export function ReminderSettingsSection({ accountId, canManage }: { accountId: string; canManage: boolean }) {
  const settings = useReminderSettings(accountId);
  return (
    <QueryState query={settings} loadingLabel="Loading reminder settings…">
      {() => (
        // Keyed by account only: saving must not remount the form, which would drop its outcome.
        <SettingsForm key={accountId} accountId={accountId} initial={settings.data!} canManage={canManage} />
      )}
    </QueryState>
  );
}

function SettingsForm({
  accountId,
  initial,
  canManage,
}: {
  accountId: string;
  initial: ReminderSettings;
  canManage: boolean;
}) {
  const [leadDays, setLeadDays] = useState(initial.schedule.leadDays.map(String));
  const [schedule, setSchedule] = useState({
    dayOf: initial.schedule.dayOf,
    expired: initial.schedule.expired,
  });
  const [recipients, setRecipients] = useState(initial.recipients);
  const save = useSaveReminderSettings(accountId);
  const test = useSendTestReminder(accountId);
  const errors = isApiError(save.error) ? save.error.fieldErrors() : {};
  const leadDaysError = Object.entries(errors).find(([field]) => field.startsWith('schedule.leadDays'))?.[1];
  const extraError = Object.entries(errors).find(([field]) =>
    field.startsWith('recipients.extraAddresses'),
  )?.[1];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ schedule: { leadDays: leadDays.map(Number), ...schedule }, recipients });
  };
  const flag = (
    key: 'admins' | 'technicalContact' | 'customerContact' | 'partner',
    label: string,
    description: string,
  ) => (
    <Checkbox
      label={label}
      description={description}
      checked={recipients[key]}
      disabled={!canManage}
      onChange={(e) => setRecipients({ ...recipients, [key]: e.currentTarget.checked })}
    />
  );

  return (
    <form onSubmit={onSubmit} aria-label="Reminder settings">
      <Stack gap="md" maw={640}>
        {initial.isDefault ? (
          <Text size="sm" c="dimmed">
            This account uses the portal’s defaults: reminders 90, 60 and 30 days before each end date.
          </Text>
        ) : null}
        <TagsInput
          label="Days before the end date"
          description="A reminder is sent this many days before each contract ends (1 to 365). Type a number and press Enter."
          value={leadDays}
          onChange={(values) =>
            setLeadDays(values.filter((v) => /^\d+$/.test(v.trim())).map((v) => v.trim()))
          }
          disabled={!canManage}
          error={leadDaysError}
        />
        <Group gap="xl">
          <Checkbox
            label="On the end date"
            checked={schedule.dayOf}
            disabled={!canManage}
            onChange={(e) => setSchedule({ ...schedule, dayOf: e.currentTarget.checked })}
          />
          <Checkbox
            label="The day after it expired"
            checked={schedule.expired}
            disabled={!canManage}
            onChange={(e) => setSchedule({ ...schedule, expired: e.currentTarget.checked })}
          />
        </Group>
        <Stack gap="xs" role="group" aria-label="Recipients">
          <Text fw={600} size="sm">
            Recipients
          </Text>
          {flag('admins', 'Account admins', 'Every admin of this account.')}
          {flag(
            'technicalContact',
            'Technical contact',
            'The technical contact of each contract’s support registration.',
          )}
          {flag(
            'customerContact',
            'Customer contact',
            'The customer contact, where the registration has an e-mail for it.',
          )}
          {flag('partner', 'Partner', 'The admins of partners acting for this account.')}
          <TagsInput
            label="Other addresses"
            description="Up to 20 more e-mail addresses."
            value={recipients.extraAddresses}
            onChange={(values) => setRecipients({ ...recipients, extraAddresses: values })}
            disabled={!canManage}
            error={extraError}
            maxTags={20}
          />
        </Stack>
        {leadDaysError || extraError ? null : <FormError error={save.error} />}
        {save.isSuccess ? (
          <Alert color="teal" variant="light" role="status">
            Saved. Every contract’s reminders follow the new settings from the next pass on.
          </Alert>
        ) : null}
        {canManage ? (
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save settings
            </Button>
            <Button variant="default" loading={test.isPending} onClick={() => test.mutate()}>
              Send a test reminder
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Only the account’s admins change these settings.
          </Text>
        )}
        <FormError error={test.error} />
        {test.data ? (
          <Alert color="teal" variant="light" role="status">
            Test reminder about {test.data.serialNumber} queued to{' '}
            {test.data.deliveries
              .filter((d) => d.channel === 'email')
              .map((d) => d.recipient)
              .join(', ') || 'no e-mail recipient'}
            ; see the delivery log under Reminders.
          </Alert>
        ) : null}
      </Stack>
    </form>
  );
}
