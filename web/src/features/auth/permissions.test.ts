import { describe, expect, it } from 'vitest';
import type { AccountAccess } from '../../api/types';
import { canManageApiTokens, canManageDelegations, canSeePartnerCustomers } from './permissions';

const access = (overrides: Partial<AccountAccess>): AccountAccess => ({
  id: 'acc_1',
  name: 'Acme Corp',
  kind: 'customer',
  role: 'admin',
  via: 'membership',
  partnerAccountId: null,
  ...overrides,
});

describe('permissions', () => {
  it('offers delegation management to customer admins only', () => {
    expect(canManageDelegations(access({}))).toBe(true);
    expect(canManageDelegations(access({ role: 'member' }))).toBe(false);
    expect(canManageDelegations(access({ kind: 'partner' }))).toBe(false);
    expect(canManageDelegations(access({ via: 'delegation', role: 'member' }))).toBe(false);
  });

  it("leaves tokens to the account's own admins, not to a partner acting for it", () => {
    expect(canManageApiTokens(access({}))).toBe(true);
    expect(canManageApiTokens(access({ role: 'member' }))).toBe(false);
    expect(canManageApiTokens(access({ via: 'delegation', role: 'member' }))).toBe(false);
  });

  it('shows the customer list on partner accounts', () => {
    expect(canSeePartnerCustomers(access({ kind: 'partner' }))).toBe(true);
    expect(canSeePartnerCustomers(access({}))).toBe(false);
  });
});
