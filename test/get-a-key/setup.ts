import { expect } from 'vitest';
import type { TProductCreate } from '../../src/contracts/catalog.js';
import type { TOrderCreate, TOrderCreated } from '../../src/contracts/orders.js';
import { factories } from '../harness/factories.js';
import type { Client, TestPortal } from '../harness/portal.js';

export const PRODUCTS = {
  server: { sku: 'VB-23-SRV', name: 'Vault Backup 23 Server', productLine: 'Vault Backup', version: '23', licenseModel: 'perpetual', unit: 'server', features: ['dedup', 'encryption'] },
  agent: { sku: 'VB-23-AGT', name: 'Vault Backup 23 Agent', productLine: 'Vault Backup', version: '23', licenseModel: 'perpetual', unit: 'socket', nodeLocked: true, rehostsPerYear: 2 },
  archive: { sku: 'VCA-TB', name: 'Vault Cloud Archive', productLine: 'Vault Cloud Archive', version: '1', licenseModel: 'subscription', unit: 'TB' },
} satisfies Record<string, TProductCreate>;

export const REGISTRATION = {
  customerContact: { organization: 'Acme Corp', address: '1 Main Street, Springfield', country: 'US' },
  technicalContact: { name: 'Terry Tech', email: 'terry@acme.test', phone: '+1 555 0100' },
};

/** A vendor admin, a customer with an admin, a member and a viewer, a delegated partner, a stranger, and the catalog. */
export async function getAKeyWorld(portal: TestPortal) {
  const f = factories(portal);
  const vendorId = await f.vendorAccountId();
  const customer = await f.account('customer', 'Acme Test Corp');
  const other = await f.account('customer', 'Other Corp');
  const partner = await f.account('partner', 'Reseller Ltd');
  const users = {
    vendorAdmin: await f.user([{ accountId: vendorId, role: 'admin' }]),
    vendorSupport: await f.user([{ accountId: vendorId, role: 'support' }]),
    admin: await f.user([{ accountId: customer.id, role: 'admin' }]),
    member: await f.user([{ accountId: customer.id, role: 'member' }]),
    viewer: await f.user([{ accountId: customer.id, role: 'viewer' }]),
    partnerUser: await f.user([{ accountId: partner.id, role: 'member' }]),
    stranger: await f.user([{ accountId: other.id, role: 'admin' }]),
  };
  const vendor = await portal.signIn(users.vendorAdmin.email);
  for (const product of Object.values(PRODUCTS)) expect((await vendor.post('/admin/products', product)).statusCode).toBe(201);
  return { f, vendorId, customer, other, partner, users, vendor };
}

export type World = Awaited<ReturnType<typeof getAKeyWorld>>;

export async function placeOrder(vendor: Client, order: TOrderCreate): Promise<TOrderCreated> {
  const res = await vendor.post('/admin/orders', order);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as TOrderCreated;
}

/** An order of one line per product: the server with maintenance, the agent, the archive for a year. */
export async function orderEverything(portal: TestPortal, world: World, extra: Partial<TOrderCreate> = {}) {
  portal.clock.advance(1000); // ids sort by time: each order a second after the last
  const today = portal.clock.now().toISOString().slice(0, 10);
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  const order = await placeOrder(world.vendor, {
    accountId: world.customer.id,
    lines: [
      { productSku: PRODUCTS.server.sku, quantity: 2, maintenance: { startsAt: today, endsAt: nextYear } },
      { productSku: PRODUCTS.agent.sku, quantity: 4 },
      { productSku: PRODUCTS.archive.sku, quantity: 10, maintenance: { startsAt: today, endsAt: nextYear }, keyOnCertificate: true },
    ],
    ...extra,
  });
  const [server, agent, archive] = order.certificate.lines.map((l) => l.serialNumber) as [string, string, string];
  return { order, serials: { server, agent, archive }, today, nextYear };
}
