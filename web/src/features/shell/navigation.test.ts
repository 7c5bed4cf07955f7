import { describe, expect, it } from 'vitest';
import { ACCOUNT_AREAS, switchAccountPath } from './navigation';

describe('switchAccountPath', () => {
  it('keeps the area when switching accounts', () => {
    expect(switchAccountPath('/a/acc_1/licenses', 'acc_2')).toBe('/a/acc_2/licenses');
    expect(switchAccountPath('/a/acc_1/maintenance', 'acc_2')).toBe('/a/acc_2/maintenance');
  });

  it('starts over on Get a Key from settings, admin or anywhere else', () => {
    expect(switchAccountPath('/a/acc_1/settings/delegations', 'acc_2')).toBe('/a/acc_2/get-a-key');
    expect(switchAccountPath('/admin/audit', 'acc_2')).toBe('/a/acc_2/get-a-key');
    expect(switchAccountPath('/', 'acc 2')).toBe('/a/acc%202/get-a-key');
  });

  it('names the seven areas', () => {
    expect(ACCOUNT_AREAS.map((area) => area.label)).toEqual([
      'Get a Key',
      'Version Upgrade',
      'Manage My Licenses',
      'Enterprise Flexible',
      'Voucher Center',
      'FileConnect',
      'Maintenance & Renewals',
    ]);
  });
});
