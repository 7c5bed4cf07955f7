import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { getAKeyWorld, orderEverything, PRODUCTS, REGISTRATION, type World } from './setup.js';

describeEachDialect('Get a Key', (dialect) => {
  let portal: TestPortal;
  let world: World;
  let member: Client;
  let a: string;
  beforeAll(async () => {
    portal = await startTestPortal(dialect);
    world = await getAKeyWorld(portal);
    member = await portal.signIn(world.users.member.email);
    a = world.customer.id;
  });
  afterAll(() => portal.close());

  const auditOf = async (licenseId: string) =>
    (await world.vendor.get(`/admin/audit?target=${licenseId}&limit=100`)).json().items as { action: string; targetType: string; partnerAccountId: string | null; actorEmail: string }[];

  describe('happy', () => {
    it('walks serial → what it entitles to → registration → key and file', async () => {
      const { serials, nextYear } = await orderEverything(portal, world);
      const lookup = await member.post(`/accounts/${a}/get-a-key/lookup`, { serialNumber: serials.server.toLowerCase().replace(/(\d{4})/g, '$1-') });
      expect(lookup.statusCode, lookup.body).toBe(200);
      expect(lookup.json()).toMatchObject({
        serialNumber: serials.server,
        product: { sku: PRODUCTS.server.sku, name: PRODUCTS.server.name, licenseModel: 'perpetual' },
        quantity: 2,
        maintenance: { serialNumber: expect.stringMatching(/^M\d{10}$/), endsAt: nextYear },
        needsHostId: false,
        registered: false,
        licenses: [],
      });

      const res = await member.post(`/accounts/${a}/get-a-key`, { serialNumber: serials.server, registration: REGISTRATION });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ alreadyRegistered: false, deliveredTo: REGISTRATION.technicalContact.email });
      expect(body.licenses).toHaveLength(1);
      const license = body.licenses[0];
      expect(license).toMatchObject({ productSku: PRODUCTS.server.sku, quantity: 2, serialNumber: serials.server, hostId: null, expiresAt: null, maintenanceEndsAt: nextYear, status: 'active', source: 'get_a_key' });
      expect(license.licenseKey).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$/);
      expect(license.file).toMatchObject({ format: 'lp-license-1', payload: { licenseId: license.id, licenseKey: license.licenseKey, accountId: a, productSku: PRODUCTS.server.sku, quantity: 2, unit: 'server', hostId: null } });

      const detail = await member.get(`/accounts/${a}/licenses/${license.id}`);
      expect(detail.json()).toEqual(Object.fromEntries(Object.entries(license).filter(([k]) => k !== 'file')));
      const file = await member.get(`/accounts/${a}/licenses/${license.id}/file`);
      expect(file.headers['content-type']).toMatch(/^application\/json/);
      expect(file.headers['content-disposition']).toBe(`attachment; filename="${PRODUCTS.server.sku}-${PRODUCTS.server.version}.lic"`);
      expect(file.json()).toEqual(license.file);

      const after = (await member.post(`/accounts/${a}/get-a-key/lookup`, { serialNumber: serials.server })).json();
      expect(after).toMatchObject({ registered: true, registeredAt: expect.any(String), registration: REGISTRATION });
      expect(after.licenses.map((l: { id: string }) => l.id)).toEqual([license.id]);
    });

    it('e-mails key and file to the technical contact and records the delivery and every change', async () => {
      const { serials } = await orderEverything(portal, world);
      const registration = { ...REGISTRATION, technicalContact: { ...REGISTRATION.technicalContact, email: 'ops@acme.test' } };
      const license = (await member.post(`/accounts/${a}/get-a-key`, { serialNumber: serials.server, registration })).json().licenses[0];
      const mail = (await world.vendor.get('/admin/outbox?to=ops@acme.test')).json().items;
      expect(mail).toEqual([expect.objectContaining({ kind: 'license-key', attachments: [`${PRODUCTS.server.sku}-${PRODUCTS.server.version}.lic`] })]);
      expect(mail[0].text).toContain(license.licenseKey);
      const actions = (await auditOf(license.id)).map((e) => `${e.action}/${e.targetType}`);
      expect(actions.sort()).toEqual(['license.delivered/license', 'license.issued/license', 'serial.registered/license']);
    });

    it('issues a subscription until its term ends, with the key printed on the certificate', async () => {
      const { order, serials, nextYear } = await orderEverything(portal, world);
      const license = (await member.post(`/accounts/${a}/get-a-key`, { serialNumber: serials.archive, registration: REGISTRATION })).json().licenses[0];
      expect(license).toMatchObject({ licenseModel: 'subscription', expiresAt: nextYear, maintenanceEndsAt: nextYear, licenseKey: order.certificate.lines[2]!.licenseKey });
    });

    it('prefills step 4 with the account’s last registration', async () => {
      const { serials } = await orderEverything(portal, world);
      const last = { ...REGISTRATION, customerContact: { ...REGISTRATION.customerContact, address: '2 Last Street' } };
      await member.post(`/accounts/${a}/get-a-key`, { serialNumber: serials.server, registration: last });
      const lookup = (await member.post(`/accounts/${a}/get-a-key/lookup`, { serialNumber: serials.agent })).json();
      expect(lookup).toMatchObject({ registered: false, needsHostId: true, registration: last });
    });

    it('answers the same licenses when a serial is registered again, and sends nothing new', async () => {
      const { serials } = await orderEverything(portal, world);
      const first = (await member.post(`/accounts/${a}/get-a-key`, { serialNumber: serials.server, registration: REGISTRATION })).json();
      const mails = (await world.vendor.get('/admin/outbox?to=terry@acme.test&limit=500')).json().items.length;
      const again = await member.post(`/accounts/${a}/get-a-key`, { serialNumber: serials.server, registration: { ...REGISTRATION, customerContact: { ...REGISTRATION.customerContact, organization: 'Changed' } } });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ licenses: first.licenses, alreadyRegistered: true, deliveredTo: null });
      expect((await world.vendor.get('/admin/outbox?to=terry@acme.test&limit=500')).json().items.length).toBe(mails);
    });

    it('binds a node-locked license to the host ID given', async () => {
      const { serials } = await orderEverything(portal, world);
      const missing = await member.post(`/accounts/${a}/get-a-key`, { serialNumber: serials.agent, registration: REGISTRATION });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.details).toEqual([{ field: 'hostId', message: expect.stringContaining('node-locked') }]);
      const res = await member.post(`/accounts/${a}/get-a-key`, { serialNumber: serials.agent, registration: REGISTRATION, hostId: 'HOST-0A1B' });
      expect(res.json().licenses[0]).toMatchObject({ hostId: 'HOST-0A1B', nodeLocked: true, file: { payload: { hostId: 'HOST-0A1B' } } });
      const notLocked = await member.post(`/accounts/${a}/get-a-key`, { serialNumber: serials.server, registration: REGISTRATION, hostId: 'HOST-0A1B' });
      expect(notLocked.json().error.details).toEqual([{ field: 'hostId', message: expect.stringContaining('not node-locked') }]);
    });
  });

  describe('errors', () => {
    it('tells a typo as a typo, naming serialNumber', async () => {
      const { serials } = await orderEverything(portal, world);
      const wrongDigit = serials.server.slice(0, 10) + String((Number(serials.server[10]) + 1) % 10);
      for (const [typed, says] of [
        [wrongDigit, 'check digit does not match'],
        [serials.server.slice(0, 9), 'has 8 digits, needs 10'],
        ['M3482915673', 'maintenance contract'],
        ['7QK2M-ZD4HX-A0P3R-W8N6T-JB5CN', 'S'],
      ] as const) {
        const res = await member.post(`/accounts/${a}/get-a-key/lookup`, { serialNumber: typed });
        expect(res.statusCode, typed).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'serialNumber', message: expect.stringContaining(says) }] });
        expect((await member.post(`/accounts/${a}/get-a-key`, { serialNumber: typed, registration: REGISTRATION })).statusCode).toBe(400);
      }
    });

    it('answers a serial of another account exactly like an unknown one', async () => {
      const { serials: theirs } = await orderEverything(portal, world, { accountId: world.other.id });
      const unknown = 'S0000000000';
      const foreign = await member.post(`/accounts/${a}/get-a-key/lookup`, { serialNumber: theirs.server });
      const none = await member.post(`/accounts/${a}/get-a-key/lookup`, { serialNumber: unknown });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.body).toBe(none.body);
      const foreignRegister = await member.post(`/accounts/${a}/get-a-key`, { serialNumber: theirs.server, registration: REGISTRATION });
      const noneRegister = await member.post(`/accounts/${a}/get-a-key`, { serialNumber: unknown, registration: REGISTRATION });
      expect(foreignRegister.statusCode).toBe(404);
      expect(foreignRegister.body).toBe(noneRegister.body);
    });

    it('names each missing registration field', async () => {
      const { serials } = await orderEverything(portal, world);
      const res = await member.post(`/accounts/${a}/get-a-key`, { serialNumber: serials.server, registration: { customerContact: { organization: '', address: 'x' }, technicalContact: { name: 'T', email: 'not-mail', phone: 'call me' } } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining(['registration.customerContact.organization', 'registration.customerContact.country', 'registration.technicalContact.email', 'registration.technicalContact.phone']),
      );
      expect((await member.post(`/accounts/${a}/get-a-key/lookup`, { serialNumber: serials.server })).json().registered).toBe(false);
    });

    it('answers 404 for a license that is not there', async () => {
      expect((await member.get(`/accounts/${a}/licenses/lic_nope`)).statusCode).toBe(404);
      expect((await member.get(`/accounts/${a}/licenses/lic_nope/file`)).statusCode).toBe(404);
    });
  });

  describe('security', () => {
    it('lets viewers look up but not register', async () => {
      const { serials } = await orderEverything(portal, world);
      const viewer = await portal.signIn(world.users.viewer.email);
      expect((await viewer.post(`/accounts/${a}/get-a-key/lookup`, { serialNumber: serials.server })).statusCode).toBe(200);
      expect((await viewer.post(`/accounts/${a}/get-a-key`, { serialNumber: serials.server, registration: REGISTRATION })).statusCode).toBe(403);
      const support = await portal.signIn(world.users.vendorSupport.email);
      expect((await support.post(`/accounts/${a}/get-a-key/lookup`, { serialNumber: serials.server })).statusCode).toBe(200);
      expect((await support.post(`/accounts/${a}/get-a-key`, { serialNumber: serials.server, registration: REGISTRATION })).statusCode).toBe(403);
    });

    it("keeps another account's serials and licenses out of reach", async () => {
      const { serials } = await orderEverything(portal, world);
      const license = (await member.post(`/accounts/${a}/get-a-key`, { serialNumber: serials.server, registration: REGISTRATION })).json().licenses[0];
      const stranger = await portal.signIn(world.users.stranger.email);
      expect((await stranger.post(`/accounts/${a}/get-a-key/lookup`, { serialNumber: serials.agent })).statusCode).toBe(404);
      expect((await stranger.post(`/accounts/${a}/get-a-key`, { serialNumber: serials.agent, registration: REGISTRATION, hostId: 'H' })).statusCode).toBe(404);
      expect((await stranger.post(`/accounts/${world.other.id}/get-a-key`, { serialNumber: serials.agent, registration: REGISTRATION, hostId: 'H' })).statusCode).toBe(404);
      for (const path of [`/accounts/${a}/licenses/${license.id}`, `/accounts/${a}/licenses/${license.id}/file`, `/accounts/${world.other.id}/licenses/${license.id}`, `/accounts/${world.other.id}/licenses/${license.id}/file`]) {
        expect((await stranger.get(path)).statusCode, path).toBe(404);
      }
      const anonymous = portal.anonymous();
      expect((await anonymous.post(`/accounts/${a}/get-a-key/lookup`, { serialNumber: serials.agent })).statusCode).toBe(401);
      expect((await anonymous.get(`/accounts/${a}/licenses/${license.id}/file`)).statusCode).toBe(401);
      // nothing the stranger did registered the serial
      expect((await member.post(`/accounts/${a}/get-a-key/lookup`, { serialNumber: serials.agent })).json().registered).toBe(false);
    });

    it('works with an API token of the account', async () => {
      const { serials } = await orderEverything(portal, world);
      const admin = await portal.signIn(world.users.admin.email);
      const token = (await admin.post(`/accounts/${a}/api-tokens`, { name: 'installer' })).json().token;
      const res = await portal.bearer(token).post(`/accounts/${a}/get-a-key`, { serialNumber: serials.server, registration: REGISTRATION });
      expect(res.statusCode, res.body).toBe(200);
      expect((await auditOf(res.json().licenses[0].id)).every((e) => e.actorEmail === 'token:installer')).toBe(true);
    });
  });
});
