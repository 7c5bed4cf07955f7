import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TIssuedLicense } from '../../src/contracts/licenses.js';
import { verifyWithJose } from '../get-a-key/verify-independently.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';
import { activeMaintenance, holdLicense, newCustomer, notificationOf, PRODUCTS, publish, REGISTRATION, upgrade, upgradesWorld, type Customer, type World } from './world.js';

const SERVER = { fromSkus: [PRODUCTS.server21.sku, PRODUCTS.server22.sku], toSku: PRODUCTS.server23.sku };
const AGENT_TRADE_IN = { fromSkus: [PRODUCTS.agent22.sku], toSku: PRODUCTS.agent23.sku, tradeIn: true };

describeEachDialect('Version Upgrade', (dialect) => {
  let portal: TestPortal;
  let world: World;
  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    world = await upgradesWorld(portal);
  });
  afterAll(() => portal.close());

  /** A customer holding the licenses given, notified by the campaign. */
  async function notified(campaign: typeof SERVER, licenses: { sku: string; quantity: number; hostId?: string }[]) {
    const customer = await newCustomer(world);
    const held: TIssuedLicense[] = [];
    for (const l of licenses) held.push(await holdLicense(world, customer, { ...l, maintenance: activeMaintenance(world) }));
    const notificationId = notificationOf(await publish(world, campaign), customer.id);
    return { customer, held, notificationId };
  }

  const lookup = (c: Customer, notificationId: string) => c.member.post(`/accounts/${c.id}/upgrades/lookup`, { notificationId });
  const remaining = async (c: Customer, notificationId: string) => (await lookup(c, notificationId)).json().items.map((i: { remaining: number }) => i.remaining);
  const license = async (c: Customer, id: string) => (await c.member.get(`/accounts/${c.id}/licenses/${id}`)).json();
  const history = async (c: Customer, id: string) => (await c.member.get(`/accounts/${c.id}/licenses/${id}/history?limit=100`)).json().items as { action: string; data: Record<string, unknown> }[];

  describe('happy', () => {
    it('walks notification ID → product and quantity → registration → keys and files of the new version', async () => {
      const { customer, held, notificationId } = await notified(SERVER, [{ sku: PRODUCTS.server22.sku, quantity: 3 }]);
      const typed = `${notificationId.toLowerCase().slice(0, 5)} ${notificationId.slice(5)}`;
      const offer = await lookup(customer, typed);
      expect(offer.statusCode, offer.body).toBe(200);
      expect(offer.json()).toMatchObject({ notificationId, toProduct: { sku: PRODUCTS.server23.sku, version: '23' }, tradeIn: false, registration: REGISTRATION });
      expect(offer.json().items).toEqual([expect.objectContaining({ eligible: 3, upgraded: 0, remaining: 3 })]);

      const registration = { ...REGISTRATION, technicalContact: { ...REGISTRATION.technicalContact, email: 'new-ops@upgrade.test' } };
      const res = await customer.member.post(`/accounts/${customer.id}/upgrades`, { notificationId: typed, items: [{ productSku: PRODUCTS.server22.sku, quantity: 2 }], registration });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ keptLicenses: [], revokedLicenseIds: [], deliveredTo: 'new-ops@upgrade.test' });
      expect(body.licenses).toHaveLength(1);
      const fresh = body.licenses[0];
      expect(fresh).toMatchObject({ productSku: PRODUCTS.server23.sku, version: '23', quantity: 2, source: 'upgrade', status: 'active', replacesLicenseId: held[0]!.id, serialNumber: held[0]!.serialNumber, features: PRODUCTS.server23.features });
      expect(fresh.file.payload).toMatchObject({ licenseId: fresh.id, productSku: PRODUCTS.server23.sku, version: '23', quantity: 2, accountId: customer.id });
      const jwks = (await portal.anonymous().get('/signing-keys')).json();
      expect(await verifyWithJose(fresh.file, jwks)).toBe(true);

      expect((await license(customer, held[0]!.id)).status).toBe('active'); // upgrade rights: the old license stays valid
      expect(await history(customer, held[0]!.id)).toContainEqual(expect.objectContaining({ action: 'license.upgraded', data: expect.objectContaining({ toLicenseId: fresh.id, notificationId, quantity: 2, revoked: false }) }));
      expect(await history(customer, fresh.id)).toContainEqual(expect.objectContaining({ action: 'license.upgraded_from', data: expect.objectContaining({ fromLicenseId: held[0]!.id, notificationId }) }));

      const mail = (await world.vendor.get('/admin/outbox?to=new-ops@upgrade.test')).json().items;
      expect(mail).toEqual([expect.objectContaining({ kind: 'license-key', accountId: customer.id, attachments: [`${PRODUCTS.server23.sku}-23.lic`] })]);
      expect(mail[0].text).toContain(fresh.licenseKey);

      const after = (await lookup(customer, notificationId)).json();
      expect(after.items[0]).toMatchObject({ eligible: 3, upgraded: 2, remaining: 1 });
      expect(after.registration.technicalContact.email).toBe('new-ops@upgrade.test');
    });

    it('upgrades in several rounds up to the eligible quantity, oldest licenses first, then refuses', async () => {
      const { customer, held, notificationId } = await notified(SERVER, [
        { sku: PRODUCTS.server22.sku, quantity: 3 },
        { sku: PRODUCTS.server22.sku, quantity: 2 },
      ]);
      const [a, b] = held.map((l) => l.id);
      const round = async (quantity: number) => {
        const res = await upgrade(customer.member, customer.id, notificationId, [{ productSku: PRODUCTS.server22.sku, quantity }]);
        expect(res.statusCode, res.body).toBe(200);
        return res.json().licenses.map((l: TIssuedLicense) => [l.replacesLicenseId, l.quantity]);
      };
      expect(await round(2)).toEqual([[a, 2]]);
      expect(await remaining(customer, notificationId)).toEqual([3]);
      expect(await round(2)).toEqual([[a, 1], [b, 1]]);
      expect(await round(1)).toEqual([[b, 1]]);
      expect(await remaining(customer, notificationId)).toEqual([0]);

      const over = await upgrade(customer.member, customer.id, notificationId, [{ productSku: PRODUCTS.server22.sku, quantity: 1 }]);
      expect(over.statusCode).toBe(422);
      expect(over.json().error).toMatchObject({ code: 'quantity_exceeds_eligible', details: [{ field: 'items.0.quantity', message: expect.stringContaining('at most 0') }] });
      const active23 = (await customer.member.get(`/accounts/${customer.id}/licenses?product=${PRODUCTS.server23.sku}&status=active`)).json().items;
      expect(active23.reduce((sum: number, l: { quantity: number }) => sum + l.quantity, 0)).toBe(5);
      expect((await customer.member.get(`/accounts/${customer.id}/upgrades`)).json().items.map((n: { notificationId: string }) => n.notificationId)).not.toContain(notificationId);
    });

    it('trade-in revokes the licenses it upgrades, keeps the units not traded in on a license of their own, on the same host', async () => {
      const { customer, held, notificationId } = await notified(AGENT_TRADE_IN, [{ sku: PRODUCTS.agent22.sku, quantity: 4, hostId: 'HOST-A' }]);
      const old = held[0]!;
      const first = await upgrade(customer.member, customer.id, notificationId, [{ productSku: PRODUCTS.agent22.sku, quantity: 3 }]);
      expect(first.statusCode, first.body).toBe(200);
      const { licenses, keptLicenses, revokedLicenseIds } = first.json();
      expect(revokedLicenseIds).toEqual([old.id]);
      expect(licenses).toEqual([expect.objectContaining({ productSku: PRODUCTS.agent23.sku, quantity: 3, hostId: 'HOST-A', replacesLicenseId: old.id })]);
      expect(keptLicenses).toEqual([expect.objectContaining({ productSku: PRODUCTS.agent22.sku, quantity: 1, hostId: 'HOST-A', replacesLicenseId: old.id, status: 'active' })]);
      expect(await license(customer, old.id)).toMatchObject({ status: 'revoked' });
      expect(await history(customer, old.id)).toContainEqual(expect.objectContaining({ action: 'license.upgraded', data: expect.objectContaining({ revoked: true, keptLicenseId: keptLicenses[0].id }) }));
      expect(await remaining(customer, notificationId)).toEqual([1]);

      const second = await upgrade(customer.member, customer.id, notificationId, [{ productSku: PRODUCTS.agent22.sku, quantity: 1 }]);
      expect(second.statusCode, second.body).toBe(200);
      expect(second.json()).toMatchObject({ revokedLicenseIds: [keptLicenses[0].id], keptLicenses: [] });
      const active = (await customer.member.get(`/accounts/${customer.id}/licenses?status=active`)).json().items;
      expect(active.map((l: { product: { sku: string }; quantity: number }) => [l.product.sku, l.quantity]).sort()).toEqual([
        [PRODUCTS.agent23.sku, 1],
        [PRODUCTS.agent23.sku, 3],
      ]);
    });

    it('lists the notifications with units left for the person who has no notification ID', async () => {
      const { customer, notificationId } = await notified(SERVER, [{ sku: PRODUCTS.server22.sku, quantity: 2 }]);
      const list = await customer.viewer.get(`/accounts/${customer.id}/upgrades`);
      expect(list.statusCode).toBe(200);
      expect(list.json()).toEqual({ items: [expect.objectContaining({ notificationId, toProduct: expect.objectContaining({ sku: PRODUCTS.server23.sku }), items: [expect.objectContaining({ remaining: 2 })] })], nextCursor: null });
    });

    it('lets the delegated partner upgrade for its customer, recorded with both identities', async () => {
      const { customer, notificationId } = await notified(SERVER, [{ sku: PRODUCTS.server22.sku, quantity: 2 }]);
      const pat = await portal.signIn(world.users.partnerAdmin.email);
      const res = await upgrade(pat, customer.id, notificationId, [{ productSku: PRODUCTS.server22.sku, quantity: 1 }]);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().deliveredTo).toBe(REGISTRATION.technicalContact.email);
      const audit = (await world.vendor.get(`/admin/audit?target=${res.json().licenses[0].id}`)).json().items;
      for (const entry of audit) expect(entry).toMatchObject({ actorEmail: world.users.partnerAdmin.email, accountId: customer.id, partnerAccountId: world.partner.id });
    });

    it('answers a retry with the same Idempotency-Key with the first answer and issues nothing more', async () => {
      const { customer, notificationId } = await notified(SERVER, [{ sku: PRODUCTS.server22.sku, quantity: 2 }]);
      const body = { notificationId, items: [{ productSku: PRODUCTS.server22.sku, quantity: 1 }], registration: REGISTRATION };
      const headers = { 'idempotency-key': `upgrade-${notificationId}` };
      const first = await customer.member.post(`/accounts/${customer.id}/upgrades`, body, headers);
      const retry = await customer.member.post(`/accounts/${customer.id}/upgrades`, body, headers);
      expect(retry.statusCode).toBe(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.json()).toEqual(first.json());
      expect(await remaining(customer, notificationId)).toEqual([1]);
    });
  });

  describe('errors', () => {
    it('tells a typo in the notification ID as a typo, before any lookup', async () => {
      const { customer, notificationId } = await notified(SERVER, [{ sku: PRODUCTS.server22.sku, quantity: 1 }]);
      const mistyped = notificationId.slice(0, 10) + String((Number(notificationId[10]) + 1) % 10);
      for (const typed of [mistyped, 'N12345', 'M3482915673']) {
        const res = await lookup(customer, typed);
        expect(res.statusCode, typed).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'notificationId' }] });
        const up = await upgrade(customer.member, customer.id, typed, [{ productSku: PRODUCTS.server22.sku, quantity: 1 }]);
        expect(up.json().error.details[0].field).toBe('notificationId');
      }
      expect((await lookup(customer, 'M3482915673')).json().error.message).toContain('maintenance contract');
    });

    it('answers another account’s notification ID exactly as an unknown one', async () => {
      const { notificationId } = await notified(SERVER, [{ sku: PRODUCTS.server22.sku, quantity: 1 }]);
      const other = await newCustomer(world, 'Other');
      const foreign = await lookup(other, notificationId);
      const unknown = await lookup(other, 'N0000012340');
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json()).toEqual(unknown.json());
      expect((await upgrade(other.member, other.id, notificationId, [{ productSku: PRODUCTS.server22.sku, quantity: 1 }])).statusCode).toBe(404);
    });

    it('names the item above the eligible quantity and changes nothing', async () => {
      const { customer, notificationId } = await notified(SERVER, [
        { sku: PRODUCTS.server21.sku, quantity: 1 },
        { sku: PRODUCTS.server22.sku, quantity: 2 },
      ]);
      const res = await upgrade(customer.member, customer.id, notificationId, [
        { productSku: PRODUCTS.server21.sku, quantity: 1 },
        { productSku: PRODUCTS.server22.sku, quantity: 3 },
      ]);
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({
        code: 'quantity_exceeds_eligible',
        details: [{ field: 'items.1.quantity', message: `3 of ${PRODUCTS.server22.sku} asked; at most 2 can be upgraded under this notification` }],
      });
      expect(await remaining(customer, notificationId)).toEqual([1, 2]);
      expect((await customer.member.get(`/accounts/${customer.id}/licenses?product=${PRODUCTS.server23.sku}`)).json().items).toEqual([]);
    });

    it('refuses a product the notification does not cover, or one named twice', async () => {
      const { customer, notificationId } = await notified(SERVER, [{ sku: PRODUCTS.server22.sku, quantity: 2 }]);
      const other = await upgrade(customer.member, customer.id, notificationId, [{ productSku: PRODUCTS.archive.sku, quantity: 1 }]);
      expect(other.statusCode).toBe(400);
      expect(other.json().error.details).toEqual([{ field: 'items.0.productSku', message: 'is not a product this notification upgrades' }]);
      const twice = await upgrade(customer.member, customer.id, notificationId, [
        { productSku: PRODUCTS.server22.sku, quantity: 1 },
        { productSku: PRODUCTS.server22.sku, quantity: 1 },
      ]);
      expect(twice.json().error.details[0].field).toBe('items.1.productSku');
      const empty = await upgrade(customer.member, customer.id, notificationId, []);
      expect(empty.json().error.details[0].field).toBe('items');
      expect(await remaining(customer, notificationId)).toEqual([2]);
    });
  });

  describe('security', () => {
    it('lets a viewer look up but not upgrade; a stranger and no session learn nothing', async () => {
      const { customer, notificationId } = await notified(SERVER, [{ sku: PRODUCTS.server22.sku, quantity: 1 }]);
      expect((await customer.viewer.post(`/accounts/${customer.id}/upgrades/lookup`, { notificationId })).statusCode).toBe(200);
      expect((await upgrade(customer.viewer, customer.id, notificationId, [{ productSku: PRODUCTS.server22.sku, quantity: 1 }])).statusCode).toBe(403);
      const stranger = await portal.signIn(world.users.stranger.email);
      for (const res of [
        await stranger.post(`/accounts/${customer.id}/upgrades/lookup`, { notificationId }),
        await stranger.get(`/accounts/${customer.id}/upgrades`),
        await upgrade(stranger, customer.id, notificationId, [{ productSku: PRODUCTS.server22.sku, quantity: 1 }]),
      ])
        expect(res.statusCode).toBe(404);
      expect((await portal.anonymous().get(`/accounts/${customer.id}/upgrades`)).statusCode).toBe(401);
      const support = await portal.signIn(world.users.vendorSupport.email);
      expect((await support.get(`/accounts/${customer.id}/upgrades`)).statusCode).toBe(200);
      expect((await upgrade(support, customer.id, notificationId, [{ productSku: PRODUCTS.server22.sku, quantity: 1 }])).statusCode).toBe(403);
      expect(await remaining(customer, notificationId)).toEqual([1]);
    });
  });
});
