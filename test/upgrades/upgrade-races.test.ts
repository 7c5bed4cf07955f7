import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createContainer, type Container } from '../../src/server/container.js';
import { Client, describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';
import { activeMaintenance, holdLicense, newCustomer, notificationOf, PRODUCTS, publish, REGISTRATION, upgradesWorld, type World } from './world.js';

/**
 * Upgrades racing each other on two portal instances over one database: the eligible quantity
 * holds whatever the interleaving, because the database takes the units by one conditional
 * statement (`upgraded + n <= eligible`).
 */
describeEachDialect('upgrades at the same moment', (dialect) => {
  let portal: TestPortal;
  let world: World;
  let second: Container;
  let secondApp: FastifyInstance;
  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    world = await upgradesWorld(portal);
    second = createContainer(portal.config, { database: portal.database.reopen(), clock: portal.clock, mailer: null });
    secondApp = await buildApp(second, { webRoot: '/nonexistent' });
  });
  afterAll(async () => {
    await secondApp.close();
    await second.close();
    await portal.close();
  });

  /** `count` requests at once, alternating between the instances. */
  async function race(member: Client, accountId: string, notificationId: string, productSku: string, quantities: number[]) {
    const onSecond = new Client(secondApp, member.auth);
    const body = (quantity: number) => ({ notificationId, items: [{ productSku, quantity }], registration: REGISTRATION });
    return Promise.all(quantities.map((q, i) => (i % 2 ? onSecond : member).post(`/accounts/${accountId}/upgrades`, body(q))));
  }

  const activeUnits = async (accountId: string, productId: string) => {
    const rows = await portal.container.store.db.selectFrom('licenses').select('quantity').where('account_id', '=', accountId).where('product_id', '=', productId).where('status', '=', 'active').execute();
    return rows.reduce((sum, r) => sum + r.quantity, 0);
  };
  const productId = async (sku: string) => (await portal.container.store.db.selectFrom('products').select('id').where('sku', '=', sku).executeTakeFirstOrThrow()).id;

  it('upgrade rights: of twelve requests for one unit with five eligible, exactly five succeed', async () => {
    const customer = await newCustomer(world);
    await holdLicense(world, customer, { sku: PRODUCTS.server22.sku, quantity: 3, maintenance: activeMaintenance(world) });
    await holdLicense(world, customer, { sku: PRODUCTS.server22.sku, quantity: 2, maintenance: activeMaintenance(world) });
    const notificationId = notificationOf(await publish(world, { fromSkus: [PRODUCTS.server22.sku], toSku: PRODUCTS.server23.sku }), customer.id);

    const answers = await race(customer.member, customer.id, notificationId, PRODUCTS.server22.sku, Array(12).fill(1));
    const ok = answers.filter((r) => r.statusCode === 200);
    expect(ok).toHaveLength(5);
    for (const refused of answers.filter((r) => r.statusCode !== 200)) expect(refused.json().error).toMatchObject({ code: 'quantity_exceeds_eligible', details: [{ field: 'items.0.quantity' }] });
    expect(await activeUnits(customer.id, await productId(PRODUCTS.server23.sku))).toBe(5);
    expect(await activeUnits(customer.id, await productId(PRODUCTS.server22.sku))).toBe(5);
    const links = await portal.container.store.db.selectFrom('license_upgrades').select(['from_license_id', 'quantity']).where('account_id', '=', customer.id).execute();
    expect(links.reduce((sum, l) => sum + l.quantity, 0)).toBe(5);
  });

  it('trade-in: requests of different sizes that together exceed the eligible units; the units upgraded and kept always add up', async () => {
    const customer = await newCustomer(world);
    await holdLicense(world, customer, { sku: PRODUCTS.agent22.sku, quantity: 4, hostId: 'HOST-A', maintenance: activeMaintenance(world) });
    await holdLicense(world, customer, { sku: PRODUCTS.agent22.sku, quantity: 3, hostId: 'HOST-B', maintenance: activeMaintenance(world) });
    const notificationId = notificationOf(await publish(world, { fromSkus: [PRODUCTS.agent22.sku], toSku: PRODUCTS.agent23.sku, tradeIn: true }), customer.id);

    const quantities = [3, 2, 2, 1, 3, 2, 1, 2];
    const answers = await race(customer.member, customer.id, notificationId, PRODUCTS.agent22.sku, quantities);
    const upgraded = answers.reduce((sum, r, i) => sum + (r.statusCode === 200 ? quantities[i]! : 0), 0);
    for (const r of answers) expect([200, 422], r.body).toContain(r.statusCode);
    expect(upgraded).toBeLessThanOrEqual(7);
    expect(upgraded).toBeGreaterThanOrEqual(7 - 2); // the last refusals asked for more than was left
    expect(await activeUnits(customer.id, await productId(PRODUCTS.agent23.sku))).toBe(upgraded);
    expect(await activeUnits(customer.id, await productId(PRODUCTS.agent22.sku))).toBe(7 - upgraded);
    const right = await portal.container.store.db.selectFrom('upgrade_rights').selectAll().where('account_id', '=', customer.id).executeTakeFirstOrThrow();
    expect(right).toMatchObject({ eligible: 7, upgraded });
  });

  it('one notification ID per account when the same campaign is published on both instances at once', async () => {
    const customers = [await newCustomer(world), await newCustomer(world), await newCustomer(world)];
    for (const c of customers) await holdLicense(world, c, { sku: PRODUCTS.server21.sku, quantity: 1, maintenance: activeMaintenance(world) });
    const onSecond = new Client(secondApp, world.vendor.auth);
    const body = { fromSkus: [PRODUCTS.server21.sku], toSku: PRODUCTS.server22.sku };
    const runs = await Promise.all([0, 1, 2, 3].map((i) => (i % 2 ? onSecond : world.vendor).post('/admin/upgrade-campaigns', body)));
    for (const r of runs) expect(r.statusCode, r.body).toBe(200);
    expect(new Set(runs.map((r) => r.json().id)).size).toBe(1);
    const ids = customers.map((c) => new Set(runs.map((r) => notificationOf(r.json(), c.id))));
    for (const set of ids) expect(set.size).toBe(1);
    const rows = await portal.container.store.db.selectFrom('upgrade_notifications').select('account_id').where('campaign_id', '=', runs[0]!.json().id).execute();
    expect(rows).toHaveLength(customers.length);
    const mail = (await world.vendor.get('/admin/outbox?limit=500')).json().items.filter((m: { kind: string; accountId: string }) => m.kind === 'upgrade-notification' && customers.some((c) => c.id === m.accountId));
    expect(mail).toHaveLength(customers.length * 2); // each account's technical contact and its partner, once
  });
});
