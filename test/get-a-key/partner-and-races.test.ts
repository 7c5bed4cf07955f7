import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createContainer } from '../../src/server/container.js';
import { describeEachDialect, startTestPortal, Client, type TestPortal } from '../harness/portal.js';
import { getAKeyWorld, orderEverything, REGISTRATION, type World } from './setup.js';

describeEachDialect('Get a Key for a customer, and at the same moment', (dialect) => {
  let portal: TestPortal;
  let world: World;
  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    world = await getAKeyWorld(portal);
  });
  afterAll(() => portal.close());

  describe('a partner on the customer’s behalf', () => {
    it("sends the key to the customer's technical contact and records the delivery with the partner", async () => {
      const { serials } = await orderEverything(portal, world, { partnerAccountId: world.partner.id });
      const pat = await portal.signIn(world.users.partnerUser.email);
      const res = await pat.post(`/accounts/${world.customer.id}/get-a-key`, { serialNumber: serials.server, registration: REGISTRATION });
      expect(res.statusCode, res.body).toBe(200);
      const license = res.json().licenses[0];
      expect(res.json().deliveredTo).toBe(REGISTRATION.technicalContact.email);
      expect(license.accountId).toBe(world.customer.id);

      const deliveries = await portal.container.store.db.selectFrom('deliveries').selectAll().where('license_id', '=', license.id).execute();
      expect(deliveries).toEqual([expect.objectContaining({ to_address: REGISTRATION.technicalContact.email, partner_account_id: world.partner.id, account_id: world.customer.id })]);
      const mail = (await world.vendor.get(`/admin/outbox?to=${REGISTRATION.technicalContact.email}&limit=500`)).json().items;
      expect(mail.some((m: { text: string }) => m.text.includes(license.licenseKey))).toBe(true);
      expect((await world.vendor.get(`/admin/outbox?to=${encodeURIComponent(world.users.partnerUser.email)}`)).json().items).toEqual([]);

      const audit = (await world.vendor.get(`/admin/audit?target=${license.id}`)).json().items;
      expect(audit.length).toBe(3);
      for (const entry of audit) expect(entry).toMatchObject({ actorEmail: world.users.partnerUser.email, accountId: world.customer.id, partnerAccountId: world.partner.id });
    });

    it('cannot act for a customer that has not delegated to it', async () => {
      const { serials } = await orderEverything(portal, world, { accountId: world.other.id });
      const pat = await portal.signIn(world.users.partnerUser.email);
      expect((await pat.post(`/accounts/${world.other.id}/get-a-key/lookup`, { serialNumber: serials.server })).statusCode).toBe(404);
    });
  });

  describe('concurrent registration', () => {
    it('issues one license when the same serial is registered many times at once, across two instances', async () => {
      const { serials } = await orderEverything(portal, world);
      const second = createContainer(portal.config, { database: portal.database.reopen(), clock: portal.clock, mailer: null });
      const secondApp = await buildApp(second, { webRoot: '/nonexistent' });
      try {
        const member = await portal.signIn(world.users.member.email);
        const onSecond = new Client(secondApp, member.auth);
        const path = `/accounts/${world.customer.id}/get-a-key`;
        const body = { serialNumber: serials.server, registration: REGISTRATION };
        const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? onSecond : member).post(path, body)));
        for (const answer of answers) expect(answer.statusCode, answer.body).toBe(200);
        const ids = new Set(answers.flatMap((r) => r.json().licenses.map((l: { id: string }) => l.id)));
        expect(ids.size).toBe(1);
        expect(answers.filter((r) => r.json().alreadyRegistered === false)).toHaveLength(1);

        const { db } = portal.container.store;
        const entitlement = await db.selectFrom('entitlements').selectAll().where('serial_number', '=', serials.server).executeTakeFirstOrThrow();
        const licenses = await db.selectFrom('licenses').select('id').where('entitlement_id', '=', entitlement.id).execute();
        expect(licenses).toHaveLength(1);
        const registrations = await db.selectFrom('registrations').select('id').where('id', '=', entitlement.registration_id!).execute();
        expect(registrations).toHaveLength(1);
        const deliveries = await db.selectFrom('deliveries').select('id').where('license_id', '=', licenses[0]!.id).execute();
        expect(deliveries).toHaveLength(1);
      } finally {
        await secondApp.close();
        await second.close();
      }
    });
  });
});
