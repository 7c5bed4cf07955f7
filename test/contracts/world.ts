import { expect } from 'vitest';
import type { TOrderCreated } from '../../src/contracts/orders.js';
import { factories } from '../harness/factories.js';
import type { Client, TestPortal } from '../harness/portal.js';

export const PRODUCT = { sku: 'VB-23-SRV', name: 'Vault Backup 23 Server', productLine: 'Vault Backup', version: '23', licenseModel: 'perpetual', unit: 'server' } as const;

export const CONTACTS = {
  customerContact: { organization: 'Acme Corp', address: '1 Main Street, Springfield', country: 'US' },
  technicalContact: { name: 'Terry Tech', email: 'terry@acme.test', phone: '+1 555 0100' },
};

/**
 * A vendor admin and support user, a customer with an admin, a member and a viewer, a partner
 * delegated to it with its admin, a stranger in another customer account, and one product.
 */
export async function maintenanceWorld(portal: TestPortal) {
  const f = factories(portal);
  const vendorId = await f.vendorAccountId();
  const customer = await f.account('customer', 'Acme Test Corp');
  const other = await f.account('customer', 'Other Corp');
  const partner = await f.account('partner', 'Reseller Ltd');
  await f.delegate(customer.id, partner.id);
  const users = {
    vendorAdmin: await f.user([{ accountId: vendorId, role: 'admin' }]),
    vendorSupport: await f.user([{ accountId: vendorId, role: 'support' }]),
    admin: await f.user([{ accountId: customer.id, role: 'admin' }], `admin-${customer.id.slice(-6)}@acme.test`),
    member: await f.user([{ accountId: customer.id, role: 'member' }]),
    viewer: await f.user([{ accountId: customer.id, role: 'viewer' }]),
    partnerAdmin: await f.user([{ accountId: partner.id, role: 'admin' }], `pat-${partner.id.slice(-6)}@reseller.test`),
    stranger: await f.user([{ accountId: other.id, role: 'admin' }]),
  };
  const vendor = await portal.signIn(users.vendorAdmin.email);
  expect((await vendor.post('/admin/products', PRODUCT)).statusCode).toBe(201);
  return { f, vendorId, customer, other, partner, users, vendor };
}

export type MaintenanceWorld = Awaited<ReturnType<typeof maintenanceWorld>>;

/** Records an order of one line with a maintenance term; answers the contract's and the line's serials. */
export async function recordContract(vendor: Client, accountId: string, term: { startsAt: string; endsAt: string }) {
  const res = await vendor.post('/admin/orders', { accountId, lines: [{ productSku: PRODUCT.sku, quantity: 1, maintenance: term }] });
  expect(res.statusCode, res.body).toBe(201);
  const line = (res.json() as TOrderCreated).certificate.lines[0]!;
  return { serialNumber: line.maintenanceSerialNumber!, entitlementSerialNumber: line.serialNumber };
}

export const DAY_MS = 86_400_000;
/** 09:00 UTC on the day `days` from `date` (negative: before). */
export const dayAt = (date: string, days: number) => new Date(Date.parse(`${date}T09:00:00.000Z`) + days * DAY_MS);
