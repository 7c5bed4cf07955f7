import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays } from '../../src/domain/reminders/index.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { maintenanceWorld, recordContract, type MaintenanceWorld } from './world.js';

const TODAY = '2026-11-23';
const NOW = new Date(`${TODAY}T09:00:00.000Z`);

describeEachDialect('reminder settings, test reminders and alerts', (dialect) => {
  let portal: TestPortal;
  let world: MaintenanceWorld;
  let admin: Client;

  beforeAll(async () => {
    portal = await startTestPortal(dialect, { now: NOW.toISOString() });
    world = await maintenanceWorld(portal);
    admin = await portal.signIn(world.users.admin.email);
  });
  afterAll(() => portal.close());

  const base = () => `/accounts/${world.customer.id}`;
  const defaults = { schedule: { leadDays: [90, 60, 30], dayOf: false, expired: false }, recipients: { admins: true, technicalContact: true, customerContact: false, partner: true, extraAddresses: [] } };

  it('answers the defaults until an admin saves settings', async () => {
    expect((await admin.get(`${base()}/reminder-settings`)).json()).toEqual({ ...defaults, isDefault: true, updatedAt: null });
  });

  it('refuses a test reminder while the account has no contract', async () => {
    const res = await admin.post(`${base()}/reminder-settings/test`, {});
    expect(res.statusCode).toBe(409);
  });

  it('refuses a bad schedule naming the field, and changes nothing', async () => {
    for (const leadDays of [[90, 0], [400], [1.5]]) {
      const res = await admin.put(`${base()}/reminder-settings`, { ...defaults, schedule: { ...defaults.schedule, leadDays } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].field).toMatch(/^schedule\.leadDays/);
    }
    const none = await admin.put(`${base()}/reminder-settings`, { ...defaults, schedule: { leadDays: [], dayOf: false, expired: false } });
    expect(none.json().error.details[0].field).toBe('schedule.leadDays');
    expect((await admin.put(`${base()}/reminder-settings`, { ...defaults, recipients: { ...defaults.recipients, extraAddresses: ['nope'] } })).statusCode).toBe(400);
    expect((await admin.get(`${base()}/reminder-settings`)).json().isDefault).toBe(true);
  });

  it('plans again when the schedule changes: a new lead day that is already due is sent on the next pass', async () => {
    const serial = (await recordContract(world.vendor, world.customer.id, { startsAt: '2026-01-01', endsAt: addDays(TODAY, 100) })).serialNumber;
    await portal.container.jobs.runDue(NOW);
    expect((await admin.get(`${base()}/reminders`)).json().items).toHaveLength(0);

    const settings = { schedule: { leadDays: [14, 120, 120], dayOf: true, expired: true }, recipients: { admins: false, technicalContact: false, customerContact: false, partner: false, extraAddresses: ['Ops@Acme.test'] } };
    const saved = await admin.put(`${base()}/reminder-settings`, settings);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ schedule: { leadDays: [120, 14], dayOf: true, expired: true }, recipients: { extraAddresses: ['ops@acme.test'] }, isDefault: false });
    await portal.container.jobs.runDue(NOW);
    const [reminder] = (await admin.get(`${base()}/reminders`)).json().items;
    expect(reminder).toMatchObject({ serialNumber: serial, stage: '120d', daysLeft: 100, isTest: false });
    expect(reminder.deliveries.map((d: { channel: string; recipient: string }) => [d.channel, d.recipient])).toEqual([
      ['alert', 'in-app'],
      ['email', 'ops@acme.test'],
    ]);
    const contract = (await admin.get(`${base()}/maintenance-contracts/${serial}`)).json();
    expect(contract.nextReminder).toEqual({ stage: '14d', dueOn: addDays(TODAY, 86) });
  });

  it('sends a test reminder to the recipients of today, marked as a test, outside any plan', async () => {
    portal.clock.set(new Date(NOW.getTime() + 1000));
    const res = await admin.post(`${base()}/reminder-settings/test`, {});
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ stage: 'test', isTest: true, deliveries: [{ channel: 'alert' }, { channel: 'email', recipient: 'ops@acme.test', status: 'queued' }] });
    const mail = (await world.vendor.get('/admin/outbox?to=ops@acme.test')).json().items[0];
    expect(mail.subject).toMatch(/^\[Test\] Maintenance for Vault Backup 23 Server ends in 100 days/);
    expect(mail.text).toContain('This is a test reminder');
    await portal.container.jobs.runDue(NOW);
    expect((await admin.get(`${base()}/reminders`)).json().items.filter((r: { isTest: boolean }) => !r.isTest)).toHaveLength(1);
  });

  it('keeps alerts unread until read, one by one or all at once', async () => {
    const unread = (await admin.get(`${base()}/alerts?unread=true`)).json();
    expect(unread.unreadCount).toBe(2);
    expect(unread.items.map((a: { kind: string }) => a.kind)).toEqual(['test', 'reminder']);
    const viewer = await portal.signIn(world.users.viewer.email);
    const read = await viewer.post(`${base()}/alerts/${unread.items[0].id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    expect((await admin.get(`${base()}/alerts?unread=true`)).json().unreadCount).toBe(1);
    expect((await admin.post(`${base()}/alerts/read-all`)).json()).toEqual({ marked: 1, unreadCount: 0 });
    expect((await admin.get(`${base()}/alerts?unread=false`)).json().items).toHaveLength(2);
    expect((await admin.post(`${base()}/alerts/alr_unknown/read`)).statusCode).toBe(404);
  });

  it('limits test reminders to ten an hour per account', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await admin.post(`${base()}/reminder-settings/test`, {})).statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(9); // one was sent above
    expect(statuses.at(-1)).toBe(429);
  });
});
