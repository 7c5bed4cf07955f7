import { createContext, useContext } from 'react';
import type { AccountAccess, Me } from '../../api/types';

const CurrentAccountContext = createContext<AccountAccess | null>(null);

export const CurrentAccountProvider = CurrentAccountContext.Provider;

/** The account named in the URL (`/a/:accountId/…`), as the signed-in person may act for it. */
export function useCurrentAccount(): AccountAccess {
  const account = useContext(CurrentAccountContext);
  if (!account) throw new Error('useCurrentAccount is used outside an account page.');
  return account;
}

export function useOptionalCurrentAccount(): AccountAccess | null {
  return useContext(CurrentAccountContext);
}

/**
 * The access the person has to an account: their own membership or delegation, or, for vendor
 * staff, read access to any account (the server still decides every request).
 */
export function resolveAccountAccess(
  me: Me,
  accountId: string,
  known?: Pick<AccountAccess, 'name' | 'kind'>,
): AccountAccess | null {
  const own = me.accounts.find((account) => account.id === accountId);
  if (own) return own;
  if (me.vendorRole === null) return null;
  return {
    id: accountId,
    name: known?.name ?? `Account ${accountId}`,
    kind: known?.kind ?? 'customer',
    role: 'support',
    via: 'membership',
    partnerAccountId: null,
  };
}
