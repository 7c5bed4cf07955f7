import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  createAdminAccount,
  createAdminUser,
  listAdminAccounts,
  listAdminUsers,
  listAuditEntries,
  listOutboxMessages,
} from '../../api/endpoints/admin.api';
import { queryKeys } from '../../api/query-keys';
import type { AuditFilters } from '../../api/types';
import { usePagedList } from '../../api/use-paged-list';
import { auditFiltersToQuery } from './audit-filters';

export function useAdminAccounts(q: string) {
  return usePagedList(queryKeys.adminAccounts(q), (cursor, signal) =>
    listAdminAccounts({ q, cursor }, signal),
  );
}

export function useCreateAdminAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAdminAccount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.adminAccountsAll }),
  });
}

export function useAdminUsers(q: string) {
  return usePagedList(queryKeys.adminUsers(q), (cursor, signal) => listAdminUsers({ q, cursor }, signal));
}

export function useCreateAdminUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAdminUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.adminUsersAll }),
  });
}

export function useAuditLog(filters: AuditFilters) {
  return usePagedList(queryKeys.audit(filters), (cursor, signal) =>
    listAuditEntries({ ...auditFiltersToQuery(filters), cursor }, signal),
  );
}

export function useOutbox() {
  return usePagedList(queryKeys.outbox, (cursor, signal) => listOutboxMessages(cursor, signal));
}
