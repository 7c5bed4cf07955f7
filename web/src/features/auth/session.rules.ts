import type { AccountAccess, Me } from '../../api/types';

export const SIGN_IN_PATH = '/sign-in';
export const ADMIN_HOME_PATH = '/admin';
export const NO_ACCOUNT_PATH = '/no-account';

export function isVendorUser(me: Me): boolean {
  return me.vendorRole !== null;
}

export function accountHomePath(accountId: string): string {
  return `/a/${encodeURIComponent(accountId)}/get-a-key`;
}

/** Where a person lands after signing in: vendor staff on the admin area, others on their first account. */
export function landingPath(me: Me): string {
  if (isVendorUser(me)) return ADMIN_HOME_PATH;
  const first = me.accounts[0];
  return first ? accountHomePath(first.id) : NO_ACCOUNT_PATH;
}

/**
 * The page asked for before signing in, if it is one of ours and one this user may open;
 * anything else (another site, an account of someone else) falls back to the landing page.
 */
export function postSignInPath(me: Me, next: string | null): string {
  const path = next && isLocalPath(next) ? next : null;
  if (!path || path === '/' || path.startsWith(SIGN_IN_PATH)) return landingPath(me);
  const accountId = accountIdOfPath(path);
  if (accountId && !isVendorUser(me) && !me.accounts.some((a) => a.id === accountId)) {
    return landingPath(me);
  }
  if (path.startsWith(ADMIN_HOME_PATH) && !isVendorUser(me)) return landingPath(me);
  return path;
}

export function isLocalPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\');
}

function accountIdOfPath(path: string): string | null {
  const match = /^\/a\/([^/?#]+)/.exec(path);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export function findAccount(me: Me, accountId: string | undefined): AccountAccess | undefined {
  return accountId ? me.accounts.find((account) => account.id === accountId) : undefined;
}
