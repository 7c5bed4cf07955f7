import type { AccountAccess } from '../../api/types';
import { canManageApiTokens, canManageDelegations, canSeePartnerCustomers, isAccountAdmin } from '../auth/permissions';

export interface NavItem {
  /** Path below `/a/:accountId/` (account areas) or an absolute path (admin). */
  path: string;
  label: string;
}

/** The seven areas of an account, in the order a customer meets them. */
export const ACCOUNT_AREAS: NavItem[] = [
  { path: 'get-a-key', label: 'Get a Key' },
  { path: 'version-upgrade', label: 'Version Upgrade' },
  { path: 'licenses', label: 'Manage My Licenses' },
  { path: 'enterprise-flexible', label: 'Enterprise Flexible' },
  { path: 'vouchers', label: 'Voucher Center' },
  { path: 'fileconnect', label: 'FileConnect' },
  { path: 'maintenance', label: 'Maintenance & Renewals' },
];

export function accountSettingsItems(account: AccountAccess): NavItem[] {
  const items: NavItem[] = [{ path: 'settings/users', label: 'Users' }];
  if (canManageApiTokens(account)) items.push({ path: 'settings/api-tokens', label: 'API tokens' });
  if (isAccountAdmin(account)) items.push({ path: 'settings/sign-in', label: 'Sign-in' });
  if (canManageDelegations(account))
    items.push({ path: 'settings/delegations', label: 'Partner delegations' });
  if (canSeePartnerCustomers(account)) items.push({ path: 'settings/customers', label: 'Customers' });
  return items;
}

export const ADMIN_ITEMS: NavItem[] = [
  { path: '/admin/accounts', label: 'Accounts' },
  { path: '/admin/users', label: 'Users' },
  { path: '/admin/catalog', label: 'Catalog' },
  { path: '/admin/orders', label: 'Orders' },
  { path: '/admin/audit', label: 'Audit log' },
  { path: '/admin/outbox', label: 'Outbox' },
];

export function accountPath(accountId: string, sub: string): string {
  return `/a/${encodeURIComponent(accountId)}/${sub}`;
}

/**
 * Switching accounts keeps the person in the same area when the other account has it too
 * (every account has the seven areas); settings pages differ per account, so they start over.
 */
export function switchAccountPath(currentPathname: string, accountId: string): string {
  const match = /^\/a\/[^/]+\/([^/?#]+)/.exec(currentPathname);
  const area = match?.[1];
  const keepArea = area !== undefined && ACCOUNT_AREAS.some((item) => item.path === area);
  return accountPath(accountId, keepArea ? area : 'get-a-key');
}
