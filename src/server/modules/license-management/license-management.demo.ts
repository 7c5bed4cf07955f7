import type { DemoExtension } from '../../demo/extensions.js';

const DEPARTMENTS = ['Finance', 'Engineering', 'Operations'];

/**
 * SPEC §15 for Manage My Licenses: Acme organizes its licenses with two fields of its own (a cost
 * center and a department) filled in on most of them, Alice keeps a saved view, and one license
 * is shared with OEM Systems' Olga, who sees it marked as shared.
 */
export const licenseManagementDemo: DemoExtension = async (container, ctx, accounts) => {
  const { customFields, customValues, list, shares, views } = container.licenseManagement;
  const acme = accounts.acmeAccountId;
  await customFields.create(ctx, acme, { name: 'cost_center', label: 'Cost center', type: 'text', required: false });
  await customFields.create(ctx, acme, { name: 'department', label: 'Department', type: 'choice', choices: DEPARTMENTS, required: false });
  const { items } = await list.list(ctx, acme, { sort: 'issuedAt', limit: 100 });
  for (const [i, license] of items.entries()) {
    if (i % 4 === 3) continue; // some left empty, as in life
    await customValues.set(ctx, acme, license.id, { cost_center: `CC-${100 + (i % 3)}`, department: DEPARTMENTS[i % DEPARTMENTS.length]! });
  }
  const shared = items.find((l) => l.status === 'active');
  if (shared) await shares.share(ctx, acme, shared.id, { email: 'olga@oem.test', permission: 'view' });
  const alice = { ...ctx, actor: { kind: 'user' as const, userId: accounts.users.alice, email: 'alice@acme.test', name: 'Alice Able', vendorRole: null, vendorAccountId: null, grants: new Map([[acme, { role: 'admin' as const, via: 'membership' as const }]]), sessionIdHash: null } };
  await views.save(alice, acme, { name: 'Finance licenses', query: { 'field.department': 'Finance', sort: 'expiresAt' }, hiddenColumns: ['version', 'serialNumber', 'quantity', 'issuedAt'] });
  return `Manage My Licenses: Acme's licenses carry a cost center and a department; one is shared with olga@oem.test`;
};
