import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSmtpMailer } from '../../src/server/platform/mailer.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';
import { startTestSmtp, type TestSmtp } from '../harness/smtp.js';
import { dayAt, maintenanceWorld, recordContract, type MaintenanceWorld } from './world.js';

const END = '2027-05-31';
const MINUTE = 60_000;

describeEachDialect('reminder e-mails while SMTP refuses for a while', (dialect) => {
  let portal: TestPortal;
  let smtp: TestSmtp;
  let world: MaintenanceWorld;
  const serials: string[] = [];

  beforeAll(async () => {
    smtp = await startTestSmtp();
    portal = await startTestPortal(dialect, { mailer: createSmtpMailer(smtp.url), now: dayAt(END, -100).toISOString() });
    world = await maintenanceWorld(portal);
    for (let i = 0; i < 3; i++) serials.push((await recordContract(world.vendor, world.customer.id, { startsAt: '2026-06-01', endsAt: END })).serialNumber);
  });
  afterAll(async () => {
    await portal.close();
    await smtp.close();
  });

  const reminderMails = () => smtp.messages.filter((m) => m.subject?.startsWith('Maintenance for'));

  async function runDue(at: Date, times = 1) {
    portal.clock.set(at);
    await Promise.all(Array.from({ length: times }, () => portal.container.jobs.runDue(at)));
  }

  it('queues the reminders, retries with back-off while refused, then delivers each e-mail once', async () => {
    const start = dayAt(END, -89);
    smtp.refusing = true;
    await runDue(start);
    await runDue(new Date(start.getTime() + MINUTE));
    await runDue(new Date(start.getTime() + 3 * MINUTE));
    expect(reminderMails()).toHaveLength(0);

    const admin = await portal.signIn(world.users.admin.email);
    const during = (await admin.get(`/accounts/${world.customer.id}/reminders`)).json().items as { deliveries: { channel: string; status: string; attempts: number; lastError: string | null }[] }[];
    expect(during).toHaveLength(3);
    const mails = during.flatMap((r) => r.deliveries.filter((d) => d.channel === 'email'));
    expect(mails).toHaveLength(6);
    for (const d of mails) {
      expect(d.status).toBe('queued');
      expect(d.attempts).toBeGreaterThanOrEqual(2);
      expect(d.lastError).toMatch(/451|try again later/);
    }

    smtp.refusing = false;
    for (let minutes = 10; minutes <= 120; minutes += 10) await runDue(new Date(start.getTime() + minutes * MINUTE), 3);
    const sent = reminderMails();
    const recipients = [world.users.admin.email, world.users.partnerAdmin.email];
    expect(sent).toHaveLength(serials.length * recipients.length);
    const keys = sent.map((m) => `${(m.to as { value: { address: string }[] }).value[0]!.address} ${m.subject}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const serial of serials) for (const to of recipients) expect(keys).toContain(`${to} Maintenance for Vault Backup 23 Server ends in 89 days (${serial})`);

    const after = (await (await portal.signIn(world.users.admin.email)).get(`/accounts/${world.customer.id}/reminders`)).json().items as { deliveries: { channel: string; status: string; sentAt: string | null }[] }[];
    for (const d of after.flatMap((r) => r.deliveries)) {
      expect(d.status).toBe('sent');
      expect(d.sentAt).not.toBeNull();
    }
  });
});
