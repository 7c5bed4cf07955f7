import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNotificationId } from '../../src/domain/identifiers/index.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';
import { activeMaintenance, day, holdLicense, newCustomer, notificationOf, PRODUCTS, publish, REGISTRATION, upgradesWorld, type Customer, type World } from './world.js';

const SERVER = { fromSkus: [PRODUCTS.server22.sku], toSku: PRODUCTS.server23.sku };

describeEachDialect('upgrade campaigns', (dialect) => {
  let portal: TestPortal;
  let world: World;
  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    world = await upgradesWorld(portal);
  });
  afterAll(() => portal.close());

  const offerOf = async (customer: Customer, notificationId: string) => {
    const res = await customer.member.post(`/accounts/${customer.id}/upgrades/lookup`, { notificationId });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  describe('who is notified', () => {
    it('notifies accounts with maintenance on the campaign day, not one whose maintenance ended the day before', async () => {
      const maintained = await newCustomer(world, 'Maintained');
      const endsToday = await newCustomer(world, 'Ends today');
      const endedYesterday = await newCustomer(world, 'Ended yesterday');
      const never = await newCustomer(world, 'No maintenance');
      await holdLicense(world, maintained, { sku: PRODUCTS.server22.sku, quantity: 3, maintenance: activeMaintenance(world) });
      await holdLicense(world, maintained, { sku: PRODUCTS.server22.sku, quantity: 2, maintenance: activeMaintenance(world) });
      await holdLicense(world, endsToday, { sku: PRODUCTS.server22.sku, quantity: 4, maintenance: { startsAt: day(portal, -300), endsAt: day(portal, 0) } });
      await holdLicense(world, endedYesterday, { sku: PRODUCTS.server22.sku, quantity: 4, maintenance: { startsAt: day(portal, -300), endsAt: day(portal, -1) } });
      await holdLicense(world, never, { sku: PRODUCTS.server22.sku, quantity: 4 });

      const run = await publish(world, SERVER);
      expect(run).toMatchObject({ fromSkus: [PRODUCTS.server22.sku], toSku: PRODUCTS.server23.sku, tradeIn: false, publishedOn: day(portal) });
      const notified = new Set(run.notifications.map((n) => n.accountId));
      expect(notified.has(maintained.id)).toBe(true);
      expect(notified.has(endsToday.id)).toBe(true);
      expect(notified.has(endedYesterday.id)).toBe(false);
      expect(notified.has(never.id)).toBe(false);
      for (const n of run.notifications) {
        expect(n.notificationId).toMatch(/^N\d{10}$/);
        expect(parseNotificationId(n.notificationId).ok).toBe(true);
      }

      const offer = await offerOf(maintained, notificationOf(run, maintained.id));
      expect(offer).toMatchObject({ toProduct: { sku: PRODUCTS.server23.sku }, tradeIn: false, registration: REGISTRATION });
      expect(offer.items).toEqual([expect.objectContaining({ product: expect.objectContaining({ sku: PRODUCTS.server22.sku }), eligible: 5, upgraded: 0, remaining: 5 })]);
      expect((await offerOf(endsToday, notificationOf(run, endsToday.id))).items[0]).toMatchObject({ eligible: 4, remaining: 4 });
    });

    it('never issues a second ID to an account when run again; reaches accounts and units that became eligible since', async () => {
      const customer = await newCustomer(world);
      await holdLicense(world, customer, { sku: PRODUCTS.server22.sku, quantity: 2, maintenance: activeMaintenance(world) });
      const first = await publish(world, SERVER);
      const id = notificationOf(first, customer.id);
      expect(first.notifications.find((n) => n.accountId === customer.id)?.issuedNow).toBe(true);

      const later = await newCustomer(world, 'Later');
      await holdLicense(world, later, { sku: PRODUCTS.server22.sku, quantity: 1, maintenance: activeMaintenance(world) });
      await holdLicense(world, customer, { sku: PRODUCTS.server22.sku, quantity: 3, maintenance: activeMaintenance(world) });
      const again = await publish(world, SERVER);
      expect(again.id).toBe(first.id);
      expect(again.notifications.find((n) => n.accountId === customer.id)).toMatchObject({ notificationId: id, issuedNow: false });
      expect(again.notifications.find((n) => n.accountId === later.id)?.issuedNow).toBe(true);
      for (const n of first.notifications) expect(again.notifications.find((x) => x.accountId === n.accountId)?.notificationId).toBe(n.notificationId);
      expect(new Set(again.notifications.map((n) => n.accountId)).size).toBe(again.notifications.length);
      expect((await offerOf(customer, id)).items[0]).toMatchObject({ eligible: 5, remaining: 5 });

      const rows = await portal.container.store.db.selectFrom('upgrade_notifications').select('notification_id').where('account_id', '=', customer.id).execute();
      expect(rows).toEqual([{ notification_id: id }]);
    });

    it('e-mails the notification ID to the technical contact and the delegated partner', async () => {
      const customer = await newCustomer(world);
      await holdLicense(world, customer, { sku: PRODUCTS.server22.sku, quantity: 2, maintenance: activeMaintenance(world) });
      const id = notificationOf(await publish(world, SERVER), customer.id);
      const mail = (await world.vendor.get(`/admin/outbox?limit=500`)).json().items.filter((m: { kind: string; accountId: string }) => m.kind === 'upgrade-notification' && m.accountId === customer.id);
      expect(mail.map((m: { to: string }) => m.to).sort()).toEqual([REGISTRATION.technicalContact.email, world.users.partnerAdmin.email].sort());
      for (const m of mail) {
        expect(m.subject).toContain(id);
        expect(m.text).toContain(`Notification ID: ${id}`);
        expect(m.text).toContain(`${PRODUCTS.server22.name} (${PRODUCTS.server22.sku}): up to 2 servers`);
        expect(m.text).toContain(`http://portal.test/a/${customer.id}/version-upgrade?notificationId=${id}`);
      }
      expect(mail.find((m: { to: string }) => m.to === world.users.partnerAdmin.email).text).toContain('on its behalf');

      await publish(world, SERVER);
      const after = (await world.vendor.get(`/admin/outbox?limit=500`)).json().items.filter((m: { kind: string; accountId: string }) => m.kind === 'upgrade-notification' && m.accountId === customer.id);
      expect(after).toHaveLength(mail.length);
    });
  });

  describe('errors', () => {
    it('names each SKU that is unknown or cannot be upgraded to the target, and publishes nothing', async () => {
      const before = (await world.vendor.get('/admin/upgrade-campaigns')).json().items.length;
      const unknownTarget = await world.vendor.post('/admin/upgrade-campaigns', { fromSkus: [PRODUCTS.server22.sku], toSku: 'NO-SUCH-SKU' });
      expect(unknownTarget.statusCode).toBe(400);
      expect(unknownTarget.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'toSku', message: 'no product has this SKU' }] });

      const res = await world.vendor.post('/admin/upgrade-campaigns', { fromSkus: ['NOPE', PRODUCTS.agent22.sku, PRODUCTS.server23.sku, PRODUCTS.archive.sku], toSku: PRODUCTS.server23.sku });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(['fromSkus.0', 'fromSkus.1', 'fromSkus.2', 'fromSkus.3']);
      expect(res.json().error.details[1].message).toContain('units must match');

      const notLocked = await world.vendor.post('/admin/upgrade-campaigns', { fromSkus: [PRODUCTS.server22.sku], toSku: PRODUCTS.agent23.sku });
      expect(notLocked.json().error.details[0]).toMatchObject({ field: 'fromSkus.0' });
      expect((await world.vendor.post('/admin/upgrade-campaigns', { fromSkus: [], toSku: PRODUCTS.server23.sku })).json().error.details[0].field).toBe('fromSkus');
      expect((await world.vendor.get('/admin/upgrade-campaigns')).json().items.length).toBe(before);
    });

    it('refuses a second campaign for units another one grants, and a rerun that changes trade-in', async () => {
      await publish(world, SERVER);
      const overlap = await world.vendor.post('/admin/upgrade-campaigns', { fromSkus: [PRODUCTS.server21.sku, PRODUCTS.server22.sku], toSku: PRODUCTS.server23.sku });
      expect(overlap.statusCode).toBe(409);
      expect(overlap.json().error).toMatchObject({ code: 'conflict', message: expect.stringContaining(`${PRODUCTS.server22.sku} is upgraded to ${PRODUCTS.server23.sku}`) });
      const mode = await world.vendor.post('/admin/upgrade-campaigns', { ...SERVER, tradeIn: true });
      expect(mode.statusCode).toBe(409);
      expect(mode.json().error.message).toContain('upgrade rights');
    });
  });

  describe('the vendor’s lists and access', () => {
    it('lists campaigns with accounts reached and units, and each campaign’s notifications page by page', async () => {
      const customer = await newCustomer(world);
      await holdLicense(world, customer, { sku: PRODUCTS.server22.sku, quantity: 2, maintenance: activeMaintenance(world) });
      const run = await publish(world, SERVER);
      const support = await portal.signIn(world.users.vendorSupport.email);
      const list = (await support.get('/admin/upgrade-campaigns')).json();
      const campaign = list.items.find((c: { id: string }) => c.id === run.id);
      expect(campaign).toMatchObject({ fromProducts: [{ sku: PRODUCTS.server22.sku, version: '22' }], toProduct: { sku: PRODUCTS.server23.sku }, tradeIn: false, notifications: run.notifications.length });
      expect(campaign.eligibleUnits).toBeGreaterThanOrEqual(2);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { notificationId: string }[]; nextCursor: string | null } = (await support.get(`/admin/upgrade-campaigns/${run.id}/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
        seen.push(...page.items.map((n) => n.notificationId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual(run.notifications.map((n) => n.notificationId).sort());
      expect((await support.get('/admin/upgrade-campaigns/upc_none/notifications')).statusCode).toBe(404);
    });

    it('lets only the vendor admin publish', async () => {
      const support = await portal.signIn(world.users.vendorSupport.email);
      expect((await support.post('/admin/upgrade-campaigns', SERVER)).statusCode).toBe(403);
      const customer = await newCustomer(world);
      const res = await customer.member.post('/admin/upgrade-campaigns', SERVER);
      expect([403, 404]).toContain(res.statusCode);
      expect((await portal.anonymous().post('/admin/upgrade-campaigns', SERVER)).statusCode).toBe(401);
      expect((await customer.member.get('/admin/upgrade-campaigns')).statusCode).not.toBe(200);
    });
  });
});
