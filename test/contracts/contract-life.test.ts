import type { ParsedMail } from 'mailparser';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src/server/platform/mailer.js';
import { describeEachDialect, startTestPortal, type Client, type TestPortal } from '../harness/portal.js';
import { startTestSmtp, type TestSmtp } from '../harness/smtp.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';
import { CONTACTS, dayAt, maintenanceWorld, recordContract, type MaintenanceWorld } from './world.js';

const END = '2027-06-30';
const RENEWED_END = '2028-06-30';

describeEachDialect("a contract's life: reminders at 90, 60 and 30 days, renewal, and a late-recorded contract", (dialect) => {
  let portal: TestPortal;
  let smtp: TestSmtp;
  let hooks: WebhookReceiver;
  let world: MaintenanceWorld;
  let secret: string;
  let serial: string;
  const accountId = () => world.customer.id;
  // Sessions expire as the clock moves through the months: sign in again at each step.
  const admin = (): Promise<Client> => portal.signIn(world.users.admin.email);
  const vendor = (): Promise<Client> => portal.signIn(world.users.vendorAdmin.email);

  beforeAll(async () => {
    smtp = await startTestSmtp();
    hooks = await startWebhookReceiver();
    portal = await startTestPortal(dialect, { mailer: createSmtpMailer(smtp.url), now: dayAt(END, -120).toISOString() });
    world = await maintenanceWorld(portal);
    const endpoint = await (await admin()).post(`/accounts/${accountId()}/webhook-endpoints`, { url: hooks.url, description: 'renewals desk' });
    expect(endpoint.statusCode, endpoint.body).toBe(201);
    secret = endpoint.json().secret;
    serial = (await recordContract(await vendor(), accountId(), { startsAt: '2026-07-01', endsAt: END })).serialNumber;
    // The technical contact comes from the Renewal Assistant's lookup, which stores it.
    const token = (await (await admin()).post(`/accounts/${accountId()}/api-tokens`, { name: 'renewal assistant' })).json().token as string;
    const lookup = await portal.bearer(token).post('/renewal-assistant/lookup', { serialNumbers: [serial], contacts: CONTACTS });
    expect(lookup.json().results[0]).toMatchObject({ found: true, needsContacts: false });
  });
  afterAll(async () => {
    await portal.close();
    await smtp.close();
    await hooks.close();
  });

  const reminderMails = () => smtp.messages.filter((m) => m.subject?.startsWith('Maintenance for'));
  const reminderHooks = (type = 'maintenance.reminder') => hooks.received.filter((h) => JSON.parse(h.body).type === type);
  const recipients = () => [world.users.admin.email, CONTACTS.technicalContact.email, world.users.partnerAdmin.email].sort();

  /** A worker pass as of `at` (twice: the second must find nothing left to do). */
  async function passAt(at: Date) {
    portal.clock.set(at);
    const client = await vendor();
    for (let i = 0; i < 2; i++) expect((await client.post('/admin/jobs/run-due', { now: at.toISOString() })).statusCode).toBe(200);
  }

  async function alerts() {
    return (await (await admin()).get(`/accounts/${accountId()}/alerts?limit=100`)).json().items as { kind: string; title: string; serialNumber: string }[];
  }

  function expectStage(mails: ParsedMail[], daysLeft: number) {
    expect(mails.map((m) => m.to && !Array.isArray(m.to) ? m.to.value[0]!.address : '').sort()).toEqual(recipients());
    for (const m of mails) expect(m.subject).toBe(`Maintenance for Vault Backup 23 Server ends in ${daysLeft} days (${serial})`);
  }

  it('sends nothing 95 days before the end', async () => {
    await passAt(dayAt(END, -95));
    expect(reminderMails()).toHaveLength(0);
    expect(await alerts()).toHaveLength(0);
    expect(reminderHooks()).toHaveLength(0);
  });

  it('sends the 90-day reminder once: an e-mail to each recipient, an alert and a signed webhook', async () => {
    await passAt(dayAt(END, -89));
    await passAt(dayAt(END, -88));
    expectStage(reminderMails(), 89);
    expect(await alerts()).toEqual([expect.objectContaining({ kind: 'reminder', serialNumber: serial, title: expect.stringContaining('ends in 89 days') })]);
    const [hook] = reminderHooks();
    expect(reminderHooks()).toHaveLength(1);
    const verified = new Webhook(secret).verify(hook!.body, hook!.headers as Record<string, string>) as { data: Record<string, unknown> };
    expect(verified.data).toMatchObject({ serialNumber: serial, stage: '90d', daysLeft: 89, endsAt: END });
  });

  it('sends the 60-day and the 30-day reminders once each', async () => {
    await passAt(dayAt(END, -59));
    await passAt(dayAt(END, -40));
    expectStage(reminderMails().slice(3), 59);
    await passAt(dayAt(END, -29));
    await passAt(dayAt(END, -28));
    expectStage(reminderMails().slice(6), 29);
    expect(reminderMails()).toHaveLength(9);
    expect((await alerts()).map((a) => a.kind)).toEqual(['reminder', 'reminder', 'reminder']);
    expect(reminderHooks().map((h) => JSON.parse(h.body).data.stage)).toEqual(['90d', '60d', '30d']);
    expect(new Set(reminderHooks().map((h) => h.headers['webhook-id'])).size).toBe(3);
  });

  it('logs each delivery of each reminder as sent, for the account and the vendor', async () => {
    const own = (await (await admin()).get(`/accounts/${accountId()}/reminders`)).json().items as { stage: string; deliveries: { channel: string; status: string }[] }[];
    expect(own.map((r) => r.stage)).toEqual(['30d', '60d', '90d']);
    for (const r of own) {
      expect(r.deliveries.map((d) => d.channel).sort()).toEqual(['alert', 'email', 'email', 'email', 'webhook']);
      expect(r.deliveries.every((d) => d.status === 'sent')).toBe(true);
    }
    const vendorView = (await (await vendor()).get(`/admin/reminders?accountId=${accountId()}`)).json().items;
    expect(vendorView).toHaveLength(3);
  });

  it('renewing moves the end date, raises a renewal alert and webhook, and plans the reminders again', async () => {
    portal.clock.set(dayAt(END, -20));
    const renewed = await (await vendor()).post(`/admin/maintenance-contracts/${serial}/renew`, { endsAt: RENEWED_END });
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect(renewed.json()).toMatchObject({ serialNumber: serial, endsAt: RENEWED_END, state: 'active', nextReminder: { stage: '90d', dueOn: '2028-04-01' } });
    await passAt(dayAt(END, -20));
    await passAt(dayAt(END, 1));
    expect(reminderMails()).toHaveLength(9);
    expect((await alerts())[0]).toMatchObject({ kind: 'renewed', serialNumber: serial });
    expect(reminderHooks('maintenance.renewed')).toHaveLength(1);

    await passAt(dayAt(RENEWED_END, -90));
    await passAt(dayAt(RENEWED_END, -89));
    expect(reminderMails().slice(9).map((m) => m.subject)).toEqual(Array(3).fill(`Maintenance for Vault Backup 23 Server ends in 90 days (${serial})`));
    expect(reminderHooks().map((h) => JSON.parse(h.body).data.endsAt)).toEqual([END, END, END, RENEWED_END]);
  });

  it('a contract recorded with 45 days left gets only its 60-day reminder, then its 30-day one', async () => {
    const recordedAt = dayAt(RENEWED_END, 10);
    portal.clock.set(recordedAt);
    const endsAt = dayAt(RENEWED_END, 55).toISOString().slice(0, 10);
    const late = (await recordContract(await vendor(), accountId(), { startsAt: '2028-01-01', endsAt })).serialNumber;
    const before = reminderMails().length;
    await passAt(recordedAt);
    const sent = reminderMails().slice(before);
    expect(sent.map((m) => m.subject)).toEqual(Array(2).fill(`Maintenance for Vault Backup 23 Server ends in 45 days (${late})`));
    const lateHooks = reminderHooks().filter((h) => JSON.parse(h.body).data.serialNumber === late);
    expect(lateHooks.map((h) => JSON.parse(h.body).data.stage)).toEqual(['60d']);

    await passAt(dayAt(endsAt, -30));
    await passAt(dayAt(endsAt, -10));
    expect(reminderHooks().filter((h) => JSON.parse(h.body).data.serialNumber === late).map((h) => JSON.parse(h.body).data.stage)).toEqual(['60d', '30d']);
    const lateAlerts = (await alerts()).filter((a) => a.serialNumber === late);
    expect(lateAlerts).toHaveLength(2);
  });
});
