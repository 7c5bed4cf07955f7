/** Every TanStack Query key of the app, so invalidations name exactly what they mean. */
export const queryKeys = {
  me: ['me'] as const,
  twoFactor: ['two-factor'] as const,
  publicConfig: ['config', 'public'] as const,
  account: (accountId: string) => ['accounts', accountId] as const,
  accountUsers: (accountId: string) => ['accounts', accountId, 'users'] as const,
  apiTokens: (accountId: string) => ['accounts', accountId, 'api-tokens'] as const,
  delegations: (accountId: string) => ['accounts', accountId, 'delegations'] as const,
  partnerCustomers: ['partner', 'customers'] as const,
  adminAccounts: (q: string) => ['admin', 'accounts', { q }] as const,
  adminAccountsAll: ['admin', 'accounts'] as const,
  adminUsers: (q: string) => ['admin', 'users', { q }] as const,
  adminUsersAll: ['admin', 'users'] as const,
  audit: (filters: object) => ['admin', 'audit', filters] as const,
  outbox: ['admin', 'outbox'] as const,
};
