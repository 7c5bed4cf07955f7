import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays } from '../../src/domain/reminders/index.js';
import { createContainer, type Container } from '../../src/server/container.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { startWebhookReceiver, type ReceivedHook, type WebhookReceiver } from './webhook-receiver.js';
import { maintenanceWorld, PRODUCT, recordContract, type MaintenanceWorld } from './world.js';

const START = new Date('2026-11-23T09:00:00.000Z');
const TODAY = '2026-11-23';

describeEachDialect('webhooks: signed deliveries, retries with back-off, the delivery log and secret rotation', (dialect) => {
  let portal: TestPortal;
  let world: MaintenanceWorld;
  let hooks: WebhookReceiver;
  let admin: Client;
  let endpoint: { id: string; secret: string };
  let now = START;

  beforeAll(async () => {
    hooks = await startWebhookReceiver();
    portal = await startTestPortal(dialect, { now: START.toISOString() });
    world = await maintenanceWorld(portal);
    admin = await portal.signIn(world.users.admin.email);
  });
  afterAll(async () => {
    await portal.close();
    await hooks.close();
  });

  const base = () => `/accounts/${world.customer.id}`;
  const at = async (offsetMs: number, runs = 1) => {
    now = new Date(START.getTime() + offsetMs);
    portal.clock.set(now);
    await Promise.all(Array.from({ length: runs }, () => portal.container.jobs.runDue(now)));
  };
  const body = (h: ReceivedHook) => JSON.parse(h.body) as { type: string; data: Record<string, unknown> };
  const verifies = (h: ReceivedHook, secret: string) => {
    try {
      new Webhook(secret).verify(h.body, h.headers as Record<string, string>);
      return true;
    } catch {
      return false;
    }
  };

  it('creates an endpoint, shows its secret once, and refuses a URL that is not http(s)', async () => {
    const bad = await admin.post(`${base()}/webhook-endpoints`, { url: 'ftp://hooks.example.test/' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('url');
    const res = await admin.post(`${base()}/webhook-endpoints`, { url: hooks.url, description: 'ops' });
    expect(res.statusCode).toBe(201);
    endpoint = res.json();
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    const list = (await admin.get(`${base()}/webhook-endpoints`)).json().items;
    expect(list).toEqual([expect.objectContaining({ id: endpoint.id, url: hooks.url, enabled: true, eventTypes: ['maintenance.reminder', 'maintenance.renewed', 'webhook.test'] })]);
    expect(JSON.stringify(list)).not.toContain('whsec_');
  });

  it('sends a test event signed the Standard Webhooks way, and logs the attempt', async () => {
    const queued = await admin.post(`${base()}/webhook-endpoints/${endpoint.id}/test`);
    expect(queued.statusCode).toBe(201);
    expect(queued.json()).toMatchObject({ status: 'queued', eventType: 'webhook.test' });
    await at(0);
    expect(hooks.received).toHaveLength(1);
    const [hook] = hooks.received;
    expect(hook!.headers['webhook-id']).toBe(queued.json().messageId);
    expect(verifies(hook!, endpoint.secret)).toBe(true);
    expect(body(hook!).type).toBe('webhook.test');
    const detail = (await admin.get(`${base()}/webhook-deliveries/${queued.json().id}`)).json();
    expect(detail).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200, attemptLog: [{ statusCode: 200, error: null }] });
  });

  it('retries a refused delivery with back-off under the same webhook-id until it is accepted', async () => {
    hooks.received.length = 0;
    hooks.status = 503;
    const serial = (await recordContract(world.vendor, world.customer.id, { startsAt: '2026-01-01', endsAt: addDays(TODAY, 80) })).serialNumber;
    await at(60_000);
    expect(hooks.received).toHaveLength(1);
    const [delivery] = (await admin.get(`${base()}/webhook-deliveries?status=queued`)).json().items;
    expect(delivery).toMatchObject({ status: 'queued', attempts: 1, lastStatusCode: 503, nextAttemptAt: new Date(START.getTime() + 90_000).toISOString() });
    await at(80_000);
    expect(hooks.received).toHaveLength(1);
    await at(91_000);
    expect(hooks.received).toHaveLength(2);
    hooks.status = 200;
    await at(10 * 60_000);
    expect(hooks.received).toHaveLength(3);
    await at(2 * 3600_000, 3);
    expect(hooks.received).toHaveLength(3);
    expect(new Set(hooks.received.map((h) => h.headers['webhook-id'])).size).toBe(1);
    expect(body(hooks.received[2]!).data).toMatchObject({ serialNumber: serial, stage: '90d' });
    const reminder = (await admin.get(`${base()}/reminders?serialNumber=${serial}`)).json().items[0];
    expect(reminder.deliveries.find((d: { channel: string }) => d.channel === 'webhook')).toMatchObject({ status: 'sent', attempts: 3, recipient: hooks.url });
    const detail = (await admin.get(`${base()}/webhook-deliveries/${delivery.id}`)).json();
    expect(detail.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([503, 503, 200]);
  });

  it('after a rotation signs with both secrets for a day, then with the new one only', async () => {
    const rotated = await admin.post(`${base()}/webhook-endpoints/${endpoint.id}/rotate-secret`);
    expect(rotated.statusCode).toBe(200);
    const secret = rotated.json().secret as string;
    expect(secret).not.toBe(endpoint.secret);
    expect(rotated.json().previousSecretValidUntil).toBe(new Date(now.getTime() + 24 * 3600_000).toISOString());
    hooks.received.length = 0;
    await admin.post(`${base()}/webhook-endpoints/${endpoint.id}/test`);
    await at(now.getTime() - START.getTime());
    expect(verifies(hooks.received[0]!, secret)).toBe(true);
    expect(verifies(hooks.received[0]!, endpoint.secret)).toBe(true);
    await at(now.getTime() - START.getTime() + 25 * 3600_000);
    admin = await portal.signIn(world.users.admin.email);
    await admin.post(`${base()}/webhook-endpoints/${endpoint.id}/test`);
    await at(now.getTime() - START.getTime());
    expect(verifies(hooks.received[1]!, secret)).toBe(true);
    expect(verifies(hooks.received[1]!, endpoint.secret)).toBe(false);
    endpoint.secret = secret;
  });

  it('sends nothing to a disabled endpoint', async () => {
    expect((await admin.request('PATCH', `${base()}/webhook-endpoints/${endpoint.id}`, { enabled: false })).statusCode).toBe(200);
    hooks.received.length = 0;
    await recordContract(world.vendor, world.customer.id, { startsAt: '2026-01-01', endsAt: addDays(now.toISOString().slice(0, 10), 50) });
    await at(now.getTime() - START.getTime() + 60_000);
    expect(hooks.received).toHaveLength(0);
    expect((await admin.request('PATCH', `${base()}/webhook-endpoints/${endpoint.id}`, { enabled: true })).statusCode).toBe(200);
  });

  it('delivers each reminder once to the endpoint with several workers passing at once', async () => {
    hooks.received.length = 0;
    const others: Container[] = dialect === 'postgres' ? [0, 1].map(() => createContainer(portal.config, { clock: portal.clock, mailer: null, database: portal.database.reopen() })) : [];
    const today = now.toISOString().slice(0, 10);
    const lines = Array.from({ length: 60 }, (_, i) => ({ productSku: PRODUCT.sku, quantity: 1, maintenance: { startsAt: '2026-01-01', endsAt: addDays(today, 10 + i) } }));
    world.vendor = await portal.signIn(world.users.vendorAdmin.email);
    expect((await world.vendor.post('/admin/orders', { accountId: world.customer.id, lines })).statusCode).toBe(201);
    now = new Date(now.getTime() + 60_000);
    portal.clock.set(now);
    await Promise.all([portal.container, portal.container, portal.container, ...others, ...others].map((c) => c.jobs.runDue(now)));
    await portal.container.jobs.runDue(now);
    for (const c of others) await c.close();
    const reminders = hooks.received.map(body).filter((b) => b.type === 'maintenance.reminder');
    expect(reminders).toHaveLength(60);
    expect(new Set(reminders.map((b) => b.data.reminderId)).size).toBe(60);
  });
});
