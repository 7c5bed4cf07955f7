import { api, buildUrl } from '../../api/client';
import { path } from '../../api/endpoints/path';
import type { Page } from '../../api/types';
import type { TMaintenanceContract, TMaintenanceContractState } from '../../../../src/contracts/contracts';
import type {
  TAlert,
  TAlertList,
  TReminder,
  TReminderSettings,
  TReminderSettingsUpdate,
} from '../../../../src/contracts/reminders';

export type MaintenanceContract = TMaintenanceContract;
export type ContractState = TMaintenanceContractState;
export type Alert = TAlert;
export type AlertList = TAlertList;
export type Reminder = TReminder;
export type ReminderSettings = TReminderSettings;
export type ReminderSettingsUpdate = TReminderSettingsUpdate;

export const listContracts = (
  accountId: string,
  query: { cursor?: string; limit?: number; state?: ContractState },
  signal: AbortSignal,
) => api.get<Page<MaintenanceContract>>(path`/accounts/${accountId}/maintenance-contracts`, query, signal);

/** A plain link: the browser sends the session cookie and saves the signed file. */
export const contractFileUrl = (accountId: string, serialNumber: string) =>
  buildUrl(path`/accounts/${accountId}/maintenance-contracts/${serialNumber}/file`);

export const listAlerts = (accountId: string, cursor: string | undefined, signal: AbortSignal) =>
  api.get<AlertList>(path`/accounts/${accountId}/alerts`, { cursor }, signal);

export const markAlertRead = (accountId: string, alertId: string) =>
  api.post<Alert>(path`/accounts/${accountId}/alerts/${alertId}/read`);

export const markAllAlertsRead = (accountId: string) =>
  api.post<{ marked: number; unreadCount: number }>(path`/accounts/${accountId}/alerts/read-all`);

export const listReminders = (accountId: string, cursor: string | undefined, signal: AbortSignal) =>
  api.get<Page<Reminder>>(path`/accounts/${accountId}/reminders`, { cursor }, signal);

export const getReminderSettings = (accountId: string, signal: AbortSignal) =>
  api.get<ReminderSettings>(path`/accounts/${accountId}/reminder-settings`, undefined, signal);

export const saveReminderSettings = (accountId: string, body: ReminderSettingsUpdate) =>
  api.put<ReminderSettings>(path`/accounts/${accountId}/reminder-settings`, body);

export const sendTestReminder = (accountId: string) =>
  api.post<Reminder>(path`/accounts/${accountId}/reminder-settings/test`, {});

export const getCalendarLink = (accountId: string, signal: AbortSignal) =>
  api.get<{ url: string }>(path`/accounts/${accountId}/calendar`, undefined, signal);

export const regenerateCalendarLink = (accountId: string) =>
  api.post<{ url: string }>(path`/accounts/${accountId}/calendar/regenerate`);
