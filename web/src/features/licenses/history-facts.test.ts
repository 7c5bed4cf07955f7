import { describe, expect, it } from 'vitest';
import { describeAction, describeData } from './history-facts';

describe('a license history entry as a person reads it', () => {
  it('names the action in words', () => {
    expect(describeAction('license.custom_fields_set')).toBe('Custom fields set');
    expect(describeAction('serial.registered')).toBe('Serial registered');
  });

  it('shows the facts and leaves out internal references', () => {
    expect(describeData({ shareId: 'shr_01m840njerntr8ebrhhd6cfc8j', email: 'olga@oem.test', permission: 'view' })).toBe('email: olga@oem.test · permission: view');
    expect(describeData({ fromHostId: 'ACME-APP-07', toHostId: 'ACME-APP-08', newLicenseId: 'lic_01m8410qh5qad8n7rkkk15xjdk' })).toBe('from host ID: ACME-APP-07 · to host ID: ACME-APP-08');
    expect(describeData({ productSku: 'VB-23-AGT', quantity: 2, hostId: null, kid: 'UxNtxV9aB3KQy' })).toBe('product SKU: VB-23-AGT · quantity: 2');
  });

  it('lists custom values one by one, a cleared one as cleared', () => {
    expect(describeData({ values: { asset_tag: 'AT-1', cost_center: null }, source: 'edit' })).toBe('asset_tag: AT-1 · cost_center: (cleared) · source: edit');
  });
});
