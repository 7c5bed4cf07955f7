import { describe, expect, it } from 'vitest';
import type { AccountAccess, Me } from '../../api/types';
import { landingPath, postSignInPath } from './session.rules';

const account = (id: string, overrides: Partial<AccountAccess> = {}): AccountAccess => ({
  id,
  name: `Account ${id}`,
  kind: 'customer',
  role: 'admin',
  via: 'membership',
  partnerAccountId: null,
  ...overrides,
});

const me = (overrides: Partial<Me> = {}): Me => ({
  user: { id: 'usr_1', email: 'pat@partner.test', name: 'Pat' },
  vendorRole: null,
  accounts: [
    account('acc_partner', { kind: 'partner' }),
    account('acc_acme', { via: 'delegation', role: 'member' }),
  ],
  csrfToken: 'csrf',
  ...overrides,
});

describe('landingPath', () => {
  it('sends vendor staff to the admin area', () => {
    expect(landingPath(me({ vendorRole: 'admin' }))).toBe('/admin');
    expect(landingPath(me({ vendorRole: 'support' }))).toBe('/admin');
  });

  it("sends everyone else to their first account's Get a Key page", () => {
    expect(landingPath(me())).toBe('/a/acc_partner/get-a-key');
  });

  it('explains when the user belongs to no account', () => {
    expect(landingPath(me({ accounts: [] }))).toBe('/no-account');
  });
});

describe('postSignInPath', () => {
  it('returns to the page asked for', () => {
    expect(postSignInPath(me(), '/a/acc_acme/licenses?q=x')).toBe('/a/acc_acme/licenses?q=x');
  });

  it('never leaves the site', () => {
    expect(postSignInPath(me(), '//evil.example/a')).toBe('/a/acc_partner/get-a-key');
    expect(postSignInPath(me(), 'https://evil.example/')).toBe('/a/acc_partner/get-a-key');
    expect(postSignInPath(me(), '/\\evil.example')).toBe('/a/acc_partner/get-a-key');
  });

  it("does not return to another user's account or to the admin area of a non-vendor", () => {
    expect(postSignInPath(me(), '/a/acc_other/get-a-key')).toBe('/a/acc_partner/get-a-key');
    expect(postSignInPath(me(), '/admin/audit')).toBe('/a/acc_partner/get-a-key');
  });

  it('lets vendor staff open any account', () => {
    expect(postSignInPath(me({ vendorRole: 'support' }), '/a/acc_other/licenses')).toBe(
      '/a/acc_other/licenses',
    );
  });

  it('falls back to the landing page without a target', () => {
    expect(postSignInPath(me(), null)).toBe('/a/acc_partner/get-a-key');
    expect(postSignInPath(me(), '/')).toBe('/a/acc_partner/get-a-key');
    expect(postSignInPath(me(), '/sign-in?next=/x')).toBe('/a/acc_partner/get-a-key');
  });
});
