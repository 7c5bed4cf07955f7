import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays } from '../../src/domain/reminders/index.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { maintenanceWorld, recordContract, type MaintenanceWorld } from './world.js';

const TODAY = '2026-11-23';

describeEachDialect('the private calendar feed', (dialect) => {
  let portal: TestPortal;
  let world: MaintenanceWorld;
  let admin: Client;
  let serial: string;

  beforeAll(async () => {
    portal = await startTestPortal(dialect, { now: `${TODAY}T09:00:00.000Z` });
    world = await maintenanceWorld(portal);
    admin = await portal.signIn(world.users.admin.email);
    serial = (await recordContract(world.vendor, world.customer.id, { startsAt: '2026-01-01', endsAt: '2027-03-31' })).serialNumber;
    await recordContract(world.vendor, world.other.id, { startsAt: '2026-01-01', endsAt: '2027-04-30' });
  });
  afterAll(() => portal.close());

  /** The path of the feed URL, fetched as a calendar app would: no cookie, no token header. */
  const fetchFeed = (url: string) => portal.anonymous().get(new URL(url).pathname + new URL(url).search);
  const feedUrl = async (client = admin) => (await client.get(`/accounts/${world.customer.id}/calendar`)).json().url as string;

  it('gives a stable secret URL that answers an iCalendar any parser reads: one event per end date and per reminder', async () => {
    const url = await feedUrl();
    expect(url).toMatch(new RegExp(`^http://portal\\.test/api/v1/accounts/${world.customer.id}/calendar\\.ics\\?token=[A-Za-z0-9_-]{43}$`));
    expect(await feedUrl(await portal.signIn(world.users.viewer.email))).toBe(url);
    const res = await fetchFeed(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const events = Object.values(ical.sync.parseICS(res.body)).filter((c): c is VEvent => c.type === 'VEVENT');
    const days = (e: VEvent) => `${e.start.getUTCFullYear()}-${String(e.start.getUTCMonth() + 1).padStart(2, '0')}-${String(e.start.getUTCDate()).padStart(2, '0')}`;
    expect(events.map((e) => [e.summary, days(e), e.datetype]).sort()).toEqual(
      [
        [`Maintenance ends: Vault Backup 23 Server (${serial})`, '2027-03-31', 'date'],
        [`Renewal reminder (90 days): Vault Backup 23 Server (${serial})`, addDays('2027-03-31', -90), 'date'],
        [`Renewal reminder (60 days): Vault Backup 23 Server (${serial})`, addDays('2027-03-31', -60), 'date'],
        [`Renewal reminder (30 days): Vault Backup 23 Server (${serial})`, addDays('2027-03-31', -30), 'date'],
      ].sort(),
    );
    expect(new Set(events.map((e) => e.uid)).size).toBe(4);
  });

  it('follows the account schedule', async () => {
    const settings = { schedule: { leadDays: [45], dayOf: true, expired: true }, recipients: { admins: true, technicalContact: true, customerContact: false, partner: false, extraAddresses: [] } };
    expect((await admin.put(`/accounts/${world.customer.id}/reminder-settings`, settings)).statusCode).toBe(200);
    const events = Object.values(ical.sync.parseICS((await fetchFeed(await feedUrl())).body)).filter((c): c is VEvent => c.type === 'VEVENT');
    expect(events.map((e) => e.summary).sort()).toEqual(
      [`Maintenance ends: Vault Backup 23 Server (${serial})`, `Renewal reminder (45 days): Vault Backup 23 Server (${serial})`, `Maintenance ends today: Vault Backup 23 Server (${serial})`, `Maintenance expired: Vault Backup 23 Server (${serial})`].sort(),
    );
  });

  it('ends the old URL when an admin regenerates it; a wrong or missing token answers 404', async () => {
    const old = await feedUrl();
    const member = await portal.signIn(world.users.member.email);
    expect((await member.post(`/accounts/${world.customer.id}/calendar/regenerate`)).statusCode).toBe(403);
    const res = await admin.post(`/accounts/${world.customer.id}/calendar/regenerate`);
    expect(res.statusCode).toBe(200);
    expect(res.json().url).not.toBe(old);
    expect((await fetchFeed(old)).statusCode).toBe(404);
    expect((await fetchFeed(res.json().url)).statusCode).toBe(200);
    expect((await portal.anonymous().get(`/accounts/${world.customer.id}/calendar.ics`)).statusCode).toBe(404);
    // The token of one account does not open another's feed.
    const token = new URL(res.json().url).searchParams.get('token');
    expect((await portal.anonymous().get(`/accounts/${world.other.id}/calendar.ics?token=${token}`)).statusCode).toBe(404);
  });
});
