import { expect } from 'vitest';
import { addDays, dateOf } from '../../src/domain/reminders/index.js';
import type { Dialect } from '../../src/server/db/database.js';
import { factories } from '../harness/factories.js';
import { startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { PRODUCTS, REGISTRATION } from '../get-a-key/setup.js';
import type { Credentials } from './http.js';
import type { Deployment } from './portal-process.js';

export const SKU = PRODUCTS.server.sku;
export { REGISTRATION };

/** How much to prepare: serials and vouchers are used up by the load, the pool refills by returns. */
export interface WorldSize {
  serials: number;
  vouchers: number;
  poolUnits: number;
}

/**
 * What the load works on, prepared through the API of an in-process portal on the database that
 * the portal processes will share: a customer with maintenance contracts ending over the next
 * 90 days (their serials wait for Get a Key, their reminders for a run), an Enterprise Flexible
 * pool, an OEM with a voucher batch and one end customer, and the sessions of the people acting.
 */
export interface LoadWorld {
  portal: TestPortal;
  deployment: Deployment;
  today: string;
  customerId: string;
  oemId: string;
  endCustomerId: string;
  flexContractId: string;
  /** Maintenance contracts: serial `M…` → end date. */
  contracts: Map<string, string>;
  serials: string[];
  vouchers: string[];
  sessions: { member: Credentials; oem: Credentials; vendor: Credentials };
  /** The same people on the in-process portal, for what a test sets up beside the load. */
  clients: { member: Client; vendor: Client };
}

export async function prepareLoadWorld(dialect: Dialect, size: WorldSize): Promise<LoadWorld> {
  // The in-process portal's clock reads the real time, so its records sit with the processes' own.
  const portal = await startTestPortal(dialect, { now: new Date().toISOString() });
  const f = factories(portal);
  const vendorId = await f.vendorAccountId();
  const customer = await f.account('customer', 'Load Test Corp');
  const oem = await f.account('oem', 'Load Test OEM');
  const vendorAdmin = await f.user([{ accountId: vendorId, role: 'admin' }]);
  const member = await f.user([{ accountId: customer.id, role: 'member' }]);
  const oemMember = await f.user([{ accountId: oem.id, role: 'member' }]);
  const vendor = await portal.signIn(vendorAdmin.email);
  expect((await vendor.post('/admin/products', PRODUCTS.server)).statusCode).toBe(201);

  const today = dateOf(portal.clock.now());
  const contracts = new Map<string, string>();
  const serials: string[] = [];
  for (let done = 0; done < size.serials; done += 500) {
    const lines = Array.from({ length: Math.min(500, size.serials - done) }, (_, i) => ({
      productSku: SKU,
      quantity: 3,
      maintenance: { startsAt: addDays(today, -300), endsAt: addDays(today, 5 + ((done + i) % 88)) },
    }));
    const order = await vendor.post('/admin/orders', { accountId: customer.id, lines });
    expect(order.statusCode, order.body).toBe(201);
    for (const line of order.json().certificate.lines) {
      serials.push(line.serialNumber);
      contracts.set(line.maintenanceSerialNumber, line.maintenanceEndsAt);
    }
  }

  const flex = await vendor.post('/admin/flex-contracts', { accountId: customer.id, startsAt: addDays(today, -30), endsAt: addDays(today, 365), pool: [{ productSku: SKU, units: size.poolUnits }] });
  expect(flex.statusCode, flex.body).toBe(201);
  const batch = await vendor.post('/admin/voucher-batches', { oemAccountId: oem.id, productSku: SKU, count: size.vouchers + 1, expiresAt: addDays(today, 365) });
  expect(batch.statusCode, batch.body).toBe(201);
  const [first, ...vouchers] = batch.json().vouchers as string[];

  const oemSession = await portal.signIn(oemMember.email);
  const converted = await oemSession.post(`/accounts/${oem.id}/vouchers/redeem`, { code: first, endCustomer: { name: 'Load End Customer', contact: { name: 'Erin End', email: 'erin@end.test' } } });
  expect(converted.statusCode, converted.body).toBe(201);

  const memberSession = await portal.signIn(member.email);
  return {
    portal,
    deployment: { databaseUrl: portal.database.url, secret: portal.config.secret, dataDir: portal.config.dataDir },
    today,
    customerId: customer.id,
    oemId: oem.id,
    endCustomerId: converted.json().endCustomer.accountId,
    flexContractId: flex.json().id,
    contracts,
    serials,
    vouchers,
    sessions: { member: credentialsOf(memberSession), oem: credentialsOf(oemSession), vendor: credentialsOf(vendor) },
    clients: { member: memberSession, vendor },
  };
}

const credentialsOf = (client: Client): Credentials => ({ cookie: client.auth.cookie, csrf: client.auth.csrf });
