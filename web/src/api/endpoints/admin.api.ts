import { api } from '../client';
import type {
  AdminAccount,
  AdminUser,
  AuditEntry,
  AuditFilters,
  CreateAccountRequest,
  CreateUserRequest,
  CreatedAccount,
  OutboxMessage,
  Page,
} from '../types';

export const listAdminAccounts = (
  query: { q?: string; cursor?: string; limit?: number },
  signal?: AbortSignal,
) => api.get<Page<AdminAccount>>('/admin/accounts', query, signal);

export const createAdminAccount = (body: CreateAccountRequest) =>
  api.post<CreatedAccount>('/admin/accounts', body);

export const listAdminUsers = (query: { q?: string; cursor?: string }, signal?: AbortSignal) =>
  api.get<Page<AdminUser>>('/admin/users', query, signal);

export const createAdminUser = (body: CreateUserRequest) => api.post<{ id: string }>('/admin/users', body);

export const listAuditEntries = (query: AuditFilters & { cursor?: string }, signal?: AbortSignal) =>
  api.get<Page<AuditEntry>>('/admin/audit', { ...query }, signal);

export const listOutboxMessages = (cursor?: string, signal?: AbortSignal) =>
  api.get<Page<OutboxMessage>>('/admin/outbox', { cursor }, signal);
