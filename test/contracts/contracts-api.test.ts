import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/reminders/index.js';
import { verifyWithJose } from '../get-a-key/verify-independently.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { maintenanceWorld, recordContract, type MaintenanceWorld } from './world.js';

const TODAY = '2026-11-23';

describeEachDialect('maintenance contracts: list, states, renewal and the signed file', (dialect) => {
  let portal: TestPortal;
  let world: MaintenanceWorld;
  let admin: Client;
  const serial: Record<'active' | 'expiring' | 'expired' | 'newer' | 'foreign', string> = { active: '', expiring: '', expired: '', newer: '', foreign: '' };

  beforeAll(async () => {
    portal = await startTestPortal(dialect, { now: `${TODAY}T09:00:00.000Z` });
    world = await maintenanceWorld(portal);
    admin = await portal.signIn(world.users.admin.email);
    const record = async (endsAt: string, accountId = world.customer.id) => (await recordContract(world.vendor, accountId, { startsAt: '2026-01-01', endsAt })).serialNumber;
    serial.active = await record(addDays(TODAY, 200));
    serial.expiring = await record(addDays(TODAY, 45));
    serial.expired = await record(addDays(TODAY, -10));
    serial.newer = await record(addDays(TODAY, 400));
    serial.foreign = await record(addDays(TODAY, 30), world.other.id);
  });
  afterAll(() => portal.close());

  const list = async (query = '') => (await admin.get(`/accounts/${world.customer.id}/maintenance-contracts${query}`)).json();

  describe('happy', () => {
    it('lists the account’s contracts soonest end first, with state, days left and next reminder', async () => {
      const page = await list();
      expect(page.items.map((c: { serialNumber: string }) => c.serialNumber)).toEqual([serial.expired, serial.expiring, serial.active, serial.newer]);
      expect(page.items[1]).toMatchObject({ state: 'expiring', daysLeft: 45, endsAt: addDays(TODAY, 45), nextReminder: { stage: '30d', dueOn: addDays(TODAY, 15) }, product: { sku: 'VB-23-SRV' } });
      expect(page.items[0]).toMatchObject({ state: 'expired', daysLeft: -10, nextReminder: null });
      expect(page.items[2]).toMatchObject({ state: 'active', nextReminder: { stage: '90d' } });
      expect(page.nextCursor).toBeNull();
    });

    it('filters by state and pages with a cursor', async () => {
      expect((await list('?state=expiring')).items.map((c: { serialNumber: string }) => c.serialNumber)).toEqual([serial.expiring]);
      const first = await list('?limit=2');
      expect(first.items).toHaveLength(2);
      const second = await list(`?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`);
      expect(second.items.map((c: { serialNumber: string }) => c.serialNumber)).toEqual([serial.active, serial.newer]);
      expect(second.nextCursor).toBeNull();
    });

    it('renews in place to a later date: active again, reminders planned for the new date, audited', async () => {
      const res = await world.vendor.post(`/admin/maintenance-contracts/${serial.expired.toLowerCase()}/renew`, { endsAt: addDays(TODAY, 60) });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ serialNumber: serial.expired, state: 'expiring', daysLeft: 60, nextReminder: { stage: '30d' } });
      const audit = (await world.vendor.get(`/admin/audit?action=maintenance_contract.renewed`)).json().items;
      expect(audit[0]).toMatchObject({ accountId: world.customer.id, data: { serialNumber: serial.expired, previousEndsAt: addDays(TODAY, -10), endsAt: addDays(TODAY, 60) } });
    });

    it('co-terms several contracts to one end date, all or none', async () => {
      const endsAt = addDays(TODAY, 500);
      const bad = await world.vendor.post('/admin/maintenance-contracts/co-term', { serialNumbers: [serial.active, serial.foreign, 'M1234567894'], endsAt });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].field).toBe('serialNumbers.2');
      expect((await list()).items.find((c: { serialNumber: string }) => c.serialNumber === serial.active).endsAt).toBe(addDays(TODAY, 200));
      const res = await world.vendor.post('/admin/maintenance-contracts/co-term', { serialNumbers: [serial.active, serial.newer], endsAt });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().contracts.map((c: { endsAt: string }) => c.endsAt)).toEqual([endsAt, endsAt]);
    });

    it('marks a contract superseded by a newer one of the same product: renewed, no next reminder', async () => {
      const res = await world.vendor.post(`/admin/maintenance-contracts/${serial.expiring}/supersede`, { bySerialNumber: serial.newer });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ state: 'renewed', renewedBySerialNumber: serial.newer, nextReminder: null });
      expect((await list('?state=renewed')).items.map((c: { serialNumber: string }) => c.serialNumber)).toEqual([serial.expiring]);
    });

    it('downloads a contract file signed like license files, verified with nothing but the JWKS', async () => {
      const res = await admin.get(`/accounts/${world.customer.id}/maintenance-contracts/${serial.active}/file`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${serial.active}.contract.json"`);
      const file = res.json();
      expect(file).toMatchObject({ format: 'lp-contract-1', payload: { kind: 'maintenance-contract', serialNumber: serial.active, accountId: world.customer.id, productSku: 'VB-23-SRV', schedule: { leadDays: [90, 60, 30], dayOf: false, expired: false } } });
      const jwks = (await portal.anonymous().get('/signing-keys')).json();
      expect(await verifyWithJose(file, jwks)).toBe(true);
      expect(await verifyWithJose({ ...file, payload: { ...file.payload, endsAt: '2099-12-31' } }, jwks)).toBe(false);
    });
  });

  describe('errors', () => {
    it('tells a mistyped serial number as a typo naming the field', async () => {
      const typo = serial.active.slice(0, -1) + String((Number(serial.active.at(-1)) + 1) % 10);
      const res = await admin.get(`/accounts/${world.customer.id}/maintenance-contracts/${typo}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'serialNumber', message: expect.stringContaining('check digit') }] });
      const product = await admin.get(`/accounts/${world.customer.id}/maintenance-contracts/S1234567890`);
      expect(product.json().error.details[0].message).toMatch(/product serial number/);
    });

    it('refuses a renewal to an earlier or equal date, naming endsAt, and changes nothing', async () => {
      const current = (await list()).items.find((c: { serialNumber: string }) => c.serialNumber === serial.newer).endsAt;
      const res = await world.vendor.post(`/admin/maintenance-contracts/${serial.newer}/renew`, { endsAt: addDays(TODAY, 1) });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field: 'endsAt', message: expect.stringContaining(`later than the current end date ${current}`) });
      expect((await world.vendor.post(`/admin/maintenance-contracts/${serial.newer}/renew`, { endsAt: '2027-02-30' })).statusCode).toBe(400);
      expect((await world.vendor.post('/admin/maintenance-contracts/M1234567894/renew', { endsAt: '2030-01-01' })).statusCode).toBe(404);
      expect((await list()).items.find((c: { serialNumber: string }) => c.serialNumber === serial.newer).endsAt).toBe(current);
    });

    it('refuses to supersede with a contract of another account, or one that ends sooner', async () => {
      const foreign = await world.vendor.post(`/admin/maintenance-contracts/${serial.active}/supersede`, { bySerialNumber: serial.foreign });
      expect(foreign.statusCode).toBe(400);
      expect(foreign.json().error.details[0].field).toBe('bySerialNumber');
      const again = await world.vendor.post(`/admin/maintenance-contracts/${serial.expiring}/supersede`, { bySerialNumber: serial.newer });
      expect(again.statusCode).toBe(409);
    });
  });

  describe('security', () => {
    it("answers another account's contract exactly as an unknown one", async () => {
      const foreign = await admin.get(`/accounts/${world.customer.id}/maintenance-contracts/${serial.foreign}`);
      const unknown = await admin.get(`/accounts/${world.customer.id}/maintenance-contracts/M1234567894`);
      expect(foreign.statusCode).toBe(404);
      expect(foreign.json()).toEqual(unknown.json());
      expect((await admin.get(`/accounts/${world.other.id}/maintenance-contracts`)).statusCode).toBe(404);
    });
  });
});
