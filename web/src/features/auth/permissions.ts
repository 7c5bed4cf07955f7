import type { AccountAccess, Me } from '../../api/types';

/**
 * What the interface offers to whom. The server decides every request on its own; these only
 * keep the interface from offering actions that would be refused.
 */

export function canSeeAdminArea(me: Me): boolean {
  return me.vendorRole !== null;
}

/** Account admins manage their own account, not one they act for on a customer's behalf. */
export function isAccountAdmin(account: AccountAccess): boolean {
  return account.role === 'admin' && account.via === 'membership';
}

/** Tokens act with the account's authority, so only its own admins create or revoke them. */
export function canManageApiTokens(account: AccountAccess): boolean {
  return isAccountAdmin(account);
}

export function canManageAccountUsers(account: AccountAccess): boolean {
  return isAccountAdmin(account);
}

/** Only a customer grants partners the right to act for it (SPEC §1, delegation). */
export function canManageDelegations(account: AccountAccess): boolean {
  return account.kind === 'customer' && isAccountAdmin(account);
}

export function canSeePartnerCustomers(account: AccountAccess): boolean {
  return account.kind === 'partner' && account.via === 'membership';
}

/** Vendor support reads everything; only vendor admins create accounts and users. */
export function canAdministerPortal(me: Me): boolean {
  return me.vendorRole === 'admin';
}

/** Members and admins (and a partner acting for its customer) do every license operation; viewers and support read. */
export function canOperateLicenses(account: AccountAccess): boolean {
  return account.role === 'admin' || account.role === 'member';
}
