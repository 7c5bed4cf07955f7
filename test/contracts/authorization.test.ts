import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { maintenanceWorld, recordContract, type MaintenanceWorld } from './world.js';

type Who = 'admin' | 'member' | 'viewer' | 'partner' | 'stranger' | 'vendorSupport' | 'vendorAdmin' | 'anonymous';
type Need = 'read' | 'manage' | 'vendor.read' | 'vendor.write';

/** The status each caller gets from a route that needs `need` (2xx written as 200). */
const EXPECTED: Record<Need, Record<Who, number>> = {
  read: { admin: 200, member: 200, viewer: 200, partner: 200, stranger: 404, vendorSupport: 200, vendorAdmin: 200, anonymous: 401 },
  manage: { admin: 200, member: 403, viewer: 403, partner: 403, stranger: 404, vendorSupport: 403, vendorAdmin: 200, anonymous: 401 },
  'vendor.read': { admin: 404, member: 404, viewer: 404, partner: 404, stranger: 404, vendorSupport: 200, vendorAdmin: 200, anonymous: 401 },
  'vendor.write': { admin: 404, member: 404, viewer: 404, partner: 404, stranger: 404, vendorSupport: 403, vendorAdmin: 200, anonymous: 401 },
};

/** Every route of maintenance contracts, reminders, alerts, webhooks and the calendar, with every role and a foreign account. */
describeEachDialect('who may call the maintenance routes', (dialect) => {
  let portal: TestPortal;
  let world: MaintenanceWorld;
  let clients: Record<Who, Client>;
  let serial: string;
  let endpointId: string;
  let alertId: string;
  let reminderId: string;
  let deliveryId: string;

  beforeAll(async () => {
    portal = await startTestPortal(dialect, { now: '2026-11-23T09:00:00.000Z' });
    world = await maintenanceWorld(portal);
    const u = world.users;
    clients = {
      admin: await portal.signIn(u.admin.email),
      member: await portal.signIn(u.member.email),
      viewer: await portal.signIn(u.viewer.email),
      partner: await portal.signIn(u.partnerAdmin.email),
      stranger: await portal.signIn(u.stranger.email),
      vendorSupport: await portal.signIn(u.vendorSupport.email),
      vendorAdmin: world.vendor,
      anonymous: portal.anonymous(),
    };
    serial = (await recordContract(world.vendor, world.customer.id, { startsAt: '2026-01-01', endsAt: '2027-01-31' })).serialNumber;
    endpointId = (await clients.admin.post(`/accounts/${world.customer.id}/webhook-endpoints`, { url: 'http://127.0.0.1:9/hooks' })).json().id;
    const test = (await clients.admin.post(`/accounts/${world.customer.id}/reminder-settings/test`, {})).json();
    reminderId = test.id;
    deliveryId = (await clients.admin.get(`/accounts/${world.customer.id}/webhook-deliveries`)).json().items[0].id;
    alertId = (await clients.admin.get(`/accounts/${world.customer.id}/alerts`)).json().items[0].id;
  });
  afterAll(() => portal.close());

  const settings = { schedule: { leadDays: [90, 60, 30], dayOf: false, expired: false }, recipients: { admins: true, technicalContact: true, customerContact: false, partner: true, extraAddresses: [] } };
  const routes: [Need, 'GET' | 'POST' | 'PUT' | 'PATCH', string, unknown?][] = [
    ['read', 'GET', '{a}/maintenance-contracts'],
    ['read', 'GET', '{a}/maintenance-contracts/{serial}'],
    ['read', 'GET', '{a}/maintenance-contracts/{serial}/file'],
    ['read', 'GET', '{a}/reminder-settings'],
    ['manage', 'PUT', '{a}/reminder-settings', settings],
    ['manage', 'POST', '{a}/reminder-settings/test', {}],
    ['read', 'GET', '{a}/reminders'],
    ['read', 'GET', '{a}/reminders/{reminder}'],
    ['read', 'GET', '{a}/alerts'],
    ['read', 'POST', '{a}/alerts/{alert}/read', {}],
    ['read', 'POST', '{a}/alerts/read-all', {}],
    ['read', 'GET', '{a}/calendar'],
    ['manage', 'POST', '{a}/calendar/regenerate', {}],
    ['read', 'GET', '{a}/webhook-endpoints'],
    ['manage', 'POST', '{a}/webhook-endpoints', { url: 'https://hooks.example.test/x' }],
    ['manage', 'PATCH', '{a}/webhook-endpoints/{endpoint}', { description: 'changed' }],
    ['manage', 'POST', '{a}/webhook-endpoints/{endpoint}/rotate-secret', {}],
    ['manage', 'POST', '{a}/webhook-endpoints/{endpoint}/test', {}],
    ['read', 'GET', '{a}/webhook-deliveries'],
    ['read', 'GET', '{a}/webhook-deliveries/{delivery}'],
    ['vendor.read', 'GET', '/admin/maintenance-contracts'],
    ['vendor.read', 'GET', '/admin/reminders'],
    ['vendor.write', 'POST', '/admin/maintenance-contracts/{serial}/renew', { endsAt: '2099-12-31' }],
    ['vendor.write', 'POST', '/admin/maintenance-contracts/co-term', { serialNumbers: ['{serial}'], endsAt: '2099-12-31' }],
  ];

  /** Fills in the ids made in beforeAll. */
  const fill = <T>(value: T): T => {
    const ids: Record<string, string> = { a: `/accounts/${world.customer.id}`, serial, endpoint: endpointId, alert: alertId, reminder: reminderId, delivery: deliveryId };
    return JSON.parse(JSON.stringify(value ?? null).replace(/\{(\w+)\}/g, (_, k: string) => ids[k]!)) as T;
  };

  it.each(routes)('%s: %s %s', async (need, method, template, body) => {
    const path = fill(template);
    for (const who of Object.keys(EXPECTED[need]) as Who[]) {
      const res = await clients[who].request(method, path, body === undefined ? undefined : (fill(body) as never));
      const status = res.statusCode >= 200 && res.statusCode < 300 ? 200 : res.statusCode;
      expect(status, `${who} ${method} ${path}: ${res.body.slice(0, 200)}`).toBe(EXPECTED[need][who]);
    }
  });

  it('deletes an endpoint only as an account admin', async () => {
    const path = `/accounts/${world.customer.id}/webhook-endpoints/${endpointId}`;
    for (const who of ['member', 'viewer', 'partner', 'vendorSupport'] as Who[]) expect((await clients[who].delete(path)).statusCode).toBe(403);
    expect((await clients.stranger.delete(path)).statusCode).toBe(404);
    expect((await clients.admin.delete(path)).statusCode).toBe(204);
    expect((await clients.admin.delete(path)).statusCode).toBe(404);
  });
});
