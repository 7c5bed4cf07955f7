import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { CONTACTS, maintenanceWorld, recordContract, type MaintenanceWorld } from './world.js';

describeEachDialect('the Renewal Assistant lookup', (dialect) => {
  let portal: TestPortal;
  let world: MaintenanceWorld;
  let assistant: Client;
  let own: string;
  let foreign: string;

  beforeAll(async () => {
    portal = await startTestPortal(dialect, { now: '2026-11-23T09:00:00.000Z' });
    world = await maintenanceWorld(portal);
    own = (await recordContract(world.vendor, world.customer.id, { startsAt: '2026-01-01', endsAt: '2027-01-31' })).serialNumber;
    foreign = (await recordContract(world.vendor, world.other.id, { startsAt: '2026-01-01', endsAt: '2027-01-31' })).serialNumber;
    const admin = await portal.signIn(world.users.admin.email);
    const token = (await admin.post(`/accounts/${world.customer.id}/api-tokens`, { name: 'server-01' })).json().token;
    assistant = portal.bearer(token);
  });
  afterAll(() => portal.close());

  const lookup = (body: object) => assistant.post('/renewal-assistant/lookup', body as never);

  it('answers per serial: found with its dates and schedule, asking for contacts the registration lacks', async () => {
    const res = await lookup({ serialNumbers: [own.toLowerCase().replace(/(\d{4})/, '$1-')] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results).toEqual([
      {
        serialNumber: own,
        found: true,
        product: { sku: 'VB-23-SRV', name: 'Vault Backup 23 Server', productLine: 'Vault Backup', version: '23' },
        startsAt: '2026-01-01',
        endsAt: '2027-01-31',
        state: 'expiring',
        needsContacts: true,
        schedule: { leadDays: [90, 60, 30], dayOf: false, expired: false },
      },
    ]);
  });

  it("answers another account's serial exactly as an unknown one, and a typo as a result with its error", async () => {
    const typo = own.slice(0, -1) + String((Number(own.at(-1)) + 1) % 10);
    const res = await lookup({ serialNumbers: [foreign, 'M1234567894', typo] });
    expect(res.statusCode).toBe(200);
    const [a, b, c] = res.json().results;
    expect({ ...a, serialNumber: 'x' }).toEqual({ ...b, serialNumber: 'x' });
    expect(a).toEqual({ serialNumber: foreign, found: false, product: null, startsAt: null, endsAt: null, state: null, needsContacts: false, schedule: null });
    expect(c).toMatchObject({ serialNumber: typo, found: false, error: { code: 'validation_failed', message: expect.stringContaining('serialNumbers.2: check digit does not match') } });
  });

  it('stores contacts sent along as the registration, and reminders go to its technical contact', async () => {
    const res = await lookup({ serialNumbers: [own], contacts: { ...CONTACTS, customerContact: { ...CONTACTS.customerContact, email: 'it@acme.test' } } });
    expect(res.json().results[0]).toMatchObject({ found: true, needsContacts: false });
    expect((await lookup({ serialNumbers: [own] })).json().results[0].needsContacts).toBe(false);
    const admin = await portal.signIn(world.users.admin.email);
    const settings = (await admin.get(`/accounts/${world.customer.id}/reminder-settings`)).json();
    await admin.put(`/accounts/${world.customer.id}/reminder-settings`, { schedule: settings.schedule, recipients: { ...settings.recipients, customerContact: true } });
    const test = await admin.post(`/accounts/${world.customer.id}/reminder-settings/test`, { serialNumber: own });
    expect(test.statusCode, test.body).toBe(201);
    const to = test.json().deliveries.filter((d: { channel: string }) => d.channel === 'email').map((d: { recipient: string }) => d.recipient);
    expect(to.sort()).toEqual([world.users.admin.email, 'it@acme.test', CONTACTS.technicalContact.email, world.users.partnerAdmin.email].sort());
    const audit = (await world.vendor.get('/admin/audit?action=maintenance_contract.contacts_registered')).json().items;
    expect(audit[0]).toMatchObject({ accountId: world.customer.id, actorTokenId: expect.any(String) });
  });

  it('refuses a bad contact, naming the field, and stores nothing', async () => {
    const other = (await recordContract(world.vendor, world.customer.id, { startsAt: '2026-01-01', endsAt: '2027-03-31' })).serialNumber;
    const res = await lookup({ serialNumbers: [other], contacts: { ...CONTACTS, technicalContact: { ...CONTACTS.technicalContact, email: 'not-an-address' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('contacts.technicalContact.email');
    expect((await lookup({ serialNumbers: [other] })).json().results[0].needsContacts).toBe(true);
  });

  it('is for API tokens: no session user, no anonymous caller, and a viewer token cannot store contacts', async () => {
    expect((await portal.anonymous().post('/renewal-assistant/lookup', { serialNumbers: [own] })).statusCode).toBe(401);
    const member = await portal.signIn(world.users.member.email);
    expect((await member.post('/renewal-assistant/lookup', { serialNumbers: [own] })).statusCode).toBe(403);
    const admin = await portal.signIn(world.users.admin.email);
    const token = (await admin.post(`/accounts/${world.customer.id}/api-tokens`, { name: 'read-only', role: 'viewer' })).json().token;
    expect((await portal.bearer(token).post('/renewal-assistant/lookup', { serialNumbers: [own] })).statusCode).toBe(200);
    const res = await portal.bearer(token).post('/renewal-assistant/lookup', { serialNumbers: [own], contacts: CONTACTS });
    expect(res.statusCode).toBe(403);
  });

  it('slows down a token that looks up many unknown serials', async () => {
    const unknown = Array.from({ length: 100 }, () => 'M1234567894');
    const first = await lookup({ serialNumbers: unknown.slice(0, 50) });
    expect(first.statusCode).toBe(200);
    const second = await lookup({ serialNumbers: unknown.slice(0, 50) });
    expect(second.statusCode).toBe(429);
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
  });
});
