import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { usePagedList } from '../../api/use-paged-list';
import {
  getCalendarLink,
  getReminderSettings,
  listAlerts,
  listContracts,
  listReminders,
  markAlertRead,
  markAllAlertsRead,
  regenerateCalendarLink,
  saveReminderSettings,
  sendTestReminder,
  type AlertList,
  type ReminderSettingsUpdate,
} from './maintenance.api';

const keys = {
  contracts: (accountId: string) => ['accounts', accountId, 'maintenance-contracts'] as const,
  upcoming: (accountId: string) => ['accounts', accountId, 'maintenance-contracts', 'upcoming'] as const,
  alerts: (accountId: string) => ['accounts', accountId, 'alerts'] as const,
  reminders: (accountId: string) => ['accounts', accountId, 'reminders'] as const,
  settings: (accountId: string) => ['accounts', accountId, 'reminder-settings'] as const,
  calendar: (accountId: string) => ['accounts', accountId, 'calendar'] as const,
};

export function useContracts(accountId: string) {
  return usePagedList(keys.contracts(accountId), (cursor, signal) =>
    listContracts(accountId, { cursor }, signal),
  );
}

/** The next contracts to end (soonest first, up to 500), for the timeline. */
export function useUpcomingContracts(accountId: string) {
  return useQuery({
    queryKey: keys.upcoming(accountId),
    queryFn: ({ signal }) => listContracts(accountId, { limit: 500 }, signal),
  });
}

export function useAlerts(accountId: string) {
  const list = usePagedList(keys.alerts(accountId), (cursor, signal) =>
    listAlerts(accountId, cursor, signal),
  );
  const unreadCount = (list.query.data?.pages[0] as AlertList | undefined)?.unreadCount ?? 0;
  return { ...list, unreadCount };
}

export function useMarkAlertRead(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (alertId: string) => markAlertRead(accountId, alertId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.alerts(accountId) }),
  });
}

export function useMarkAllAlertsRead(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => markAllAlertsRead(accountId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.alerts(accountId) }),
  });
}

export function useReminders(accountId: string) {
  return usePagedList(keys.reminders(accountId), (cursor, signal) =>
    listReminders(accountId, cursor, signal),
  );
}

export function useReminderSettings(accountId: string) {
  return useQuery({
    queryKey: keys.settings(accountId),
    queryFn: ({ signal }) => getReminderSettings(accountId, signal),
  });
}

/** A new schedule moves every contract's next reminder: the contracts are read again too. */
export function useSaveReminderSettings(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReminderSettingsUpdate) => saveReminderSettings(accountId, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.settings(accountId), saved);
      void queryClient.invalidateQueries({ queryKey: keys.contracts(accountId) });
    },
  });
}

export function useSendTestReminder(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendTestReminder(accountId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.reminders(accountId) });
      void queryClient.invalidateQueries({ queryKey: keys.alerts(accountId) });
    },
  });
}

export function useCalendarLink(accountId: string) {
  return useQuery({
    queryKey: keys.calendar(accountId),
    queryFn: ({ signal }) => getCalendarLink(accountId, signal),
  });
}

export function useRegenerateCalendarLink(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => regenerateCalendarLink(accountId),
    onSuccess: (link) => queryClient.setQueryData(keys.calendar(accountId), link),
  });
}
