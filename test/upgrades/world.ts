import { expect } from 'vitest';
import type { TProductCreate } from '../../src/contracts/catalog.js';
import type { TIssuedLicense } from '../../src/contracts/licenses.js';
import type { TUpgradeCampaignRun } from '../../src/contracts/upgrades.js';
import { factories } from '../harness/factories.js';
import type { Client, TestPortal } from '../harness/portal.js';

export const PRODUCTS = {
  server21: { sku: 'VB-21-SRV', name: 'Vault Backup 21 Server', productLine: 'Vault Backup', version: '21', licenseModel: 'perpetual', unit: 'server' },
  server22: { sku: 'VB-22-SRV', name: 'Vault Backup 22 Server', productLine: 'Vault Backup', version: '22', licenseModel: 'perpetual', unit: 'server', features: ['dedup'] },
  server23: { sku: 'VB-23-SRV', name: 'Vault Backup 23 Server', productLine: 'Vault Backup', version: '23', licenseModel: 'perpetual', unit: 'server', features: ['dedup', 'immutable-snapshots'] },
  agent22: { sku: 'VB-22-AGT', name: 'Vault Backup 22 Agent', productLine: 'Vault Backup Agent', version: '22', licenseModel: 'perpetual', unit: 'socket', nodeLocked: true, rehostsPerYear: 2 },
  agent23: { sku: 'VB-23-AGT', name: 'Vault Backup 23 Agent', productLine: 'Vault Backup Agent', version: '23', licenseModel: 'perpetual', unit: 'socket', nodeLocked: true, rehostsPerYear: 2 },
  archive: { sku: 'VCA-TB', name: 'Vault Cloud Archive', productLine: 'Vault Cloud Archive', version: '1', licenseModel: 'subscription', unit: 'TB' },
} satisfies Record<string, TProductCreate>;

export const REGISTRATION = {
  customerContact: { organization: 'Upgrade Test Corp', address: '1 Main Street, Springfield', country: 'US' },
  technicalContact: { name: 'Terry Tech', email: 'terry@upgrade.test', phone: '+1 555 0100' },
};

/** The vendor's staff, a delegated partner, a stranger's account, and the catalog of two versions. */
export async function upgradesWorld(portal: TestPortal) {
  const f = factories(portal);
  const vendorId = await f.vendorAccountId();
  const partner = await f.account('partner', 'Reseller Ltd');
  const stranger = await f.account('customer', 'Stranger Corp');
  const users = {
    vendorAdmin: await f.user([{ accountId: vendorId, role: 'admin' }]),
    vendorSupport: await f.user([{ accountId: vendorId, role: 'support' }]),
    partnerAdmin: await f.user([{ accountId: partner.id, role: 'admin' }]),
    stranger: await f.user([{ accountId: stranger.id, role: 'admin' }]),
  };
  const vendor = await portal.signIn(users.vendorAdmin.email);
  for (const product of Object.values(PRODUCTS)) expect((await vendor.post('/admin/products', product)).statusCode).toBe(201);
  return { portal, f, vendor, partner, stranger, users };
}

export type World = Awaited<ReturnType<typeof upgradesWorld>>;

/** `offset` days from the test clock's today. */
export const day = (portal: TestPortal, offset = 0) => new Date(portal.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);

/** A customer of its own for one test, with a member and a viewer signed in, delegated to the world's partner. */
export async function newCustomer(world: World, name = 'Customer') {
  const account = await world.f.account('customer', `${name} ${Math.random().toString(36).slice(2, 8)}`);
  const member = await world.f.user([{ accountId: account.id, role: 'member' }]);
  const viewer = await world.f.user([{ accountId: account.id, role: 'viewer' }]);
  await world.f.delegate(account.id, world.partner.id);
  return { id: account.id, member: await world.portal.signIn(member.email), viewer: await world.portal.signIn(viewer.email), memberEmail: member.email };
}

export type Customer = Awaited<ReturnType<typeof newCustomer>>;

/**
 * A license the customer holds: an order line with the maintenance term given (or none), its
 * serial registered through Get a Key.
 */
export async function holdLicense(world: World, customer: Customer, line: { sku: string; quantity: number; maintenance?: { startsAt: string; endsAt: string } | null; hostId?: string }): Promise<TIssuedLicense> {
  world.portal.clock.advance(1000); // licenses are taken oldest first: each a second after the last
  const order = await world.vendor.post('/admin/orders', {
    accountId: customer.id,
    lines: [{ productSku: line.sku, quantity: line.quantity, ...(line.maintenance ? { maintenance: line.maintenance } : {}) }],
  });
  expect(order.statusCode, order.body).toBe(201);
  const serialNumber = order.json().certificate.lines[0].serialNumber as string;
  const res = await customer.member.post(`/accounts/${customer.id}/get-a-key`, { serialNumber, registration: REGISTRATION, ...(line.hostId ? { hostId: line.hostId } : {}) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().licenses[0] as TIssuedLicense;
}

/** A year of maintenance around today. */
export const activeMaintenance = (world: World) => ({ startsAt: day(world.portal, -30), endsAt: day(world.portal, 335) });

export async function publish(world: World, body: { fromSkus: string[]; toSku: string; tradeIn?: boolean }): Promise<TUpgradeCampaignRun> {
  const res = await world.vendor.post('/admin/upgrade-campaigns', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TUpgradeCampaignRun;
}

export function notificationOf(run: TUpgradeCampaignRun, accountId: string): string {
  const n = run.notifications.find((x) => x.accountId === accountId);
  if (!n) throw new Error(`account ${accountId} was not notified`);
  return n.notificationId;
}

export async function upgrade(client: Client, accountId: string, notificationId: string, items: { productSku: string; quantity: number }[]) {
  return client.post(`/accounts/${accountId}/upgrades`, { notificationId, items, registration: REGISTRATION });
}
