import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, dateOf, decideReminder, DEFAULT_SCHEDULE } from '../../src/domain/reminders/index.js';
import { createContainer, type Container } from '../../src/server/container.js';
import { describeEachDialect, startTestPortal, type TestPortal } from '../harness/portal.js';
import { DAY_MS, maintenanceWorld, PRODUCT, type MaintenanceWorld } from './world.js';

const CONTRACTS = 10_000;
const PER_ORDER = 500;
const NOW = new Date('2027-01-10T06:00:00.000Z');
const TSX = import.meta.resolve('tsx');
const WORKER = join(import.meta.dirname, 'reminder-worker.ts');

/** A worker in a process of its own (SQLite: another process is another writer, as in production). */
function workerProcess(url: string, now: Date, passes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, WORKER, url, now.toISOString(), String(passes)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}: ${stderr}`))));
  });
}

describeEachDialect('reminder passes racing over 10,000 contracts', (dialect) => {
  let portal: TestPortal;
  let world: MaintenanceWorld;
  const others: Container[] = [];
  const endsAt = new Map<string, string>();

  beforeAll(async () => {
    portal = await startTestPortal(dialect, { now: NOW.toISOString() });
    world = await maintenanceWorld(portal);
    const today = dateOf(NOW);
    for (let o = 0; o < CONTRACTS / PER_ORDER; o++) {
      const lines = Array.from({ length: PER_ORDER }, (_, i) => {
        const left = 5 + ((o * PER_ORDER + i) % 85);
        return { productSku: PRODUCT.sku, quantity: 1, maintenance: { startsAt: addDays(today, -300), endsAt: addDays(today, left) } };
      });
      const res = await world.vendor.post('/admin/orders', { accountId: world.customer.id, lines });
      expect(res.statusCode, res.body).toBe(201);
      for (const l of res.json().certificate.lines) endsAt.set(l.maintenanceSerialNumber, l.maintenanceEndsAt);
    }
    if (dialect === 'postgres') {
      for (let i = 0; i < 3; i++) others.push(createContainer(portal.config, { clock: portal.clock, mailer: null, database: portal.database.reopen() }));
    }
  }, 300_000);
  afterAll(async () => {
    for (const c of others) await c.close();
    await portal.close();
  });

  /** Every worker at once, each running several passes: in-process instances, or processes for SQLite. */
  async function raceAt(now: Date) {
    portal.clock.set(now);
    const loops = (c: Container) => (async () => {
      for (let i = 0; i < 3; i++) await c.jobs.runDue(now);
    })();
    const processes = dialect === 'sqlite' ? [0, 1, 2].map(() => workerProcess(portal.database.url, now, 3)) : [];
    await Promise.all([loops(portal.container), loops(portal.container), ...others.flatMap((c) => [loops(c), loops(c)]), ...processes]);
    await portal.container.jobs.runDue(now); // nothing left: leases all released
  }

  async function stored() {
    const { db } = portal.container.store;
    const reminders = await db.selectFrom('reminders').select(['id', 'serial_number', 'stage', 'ends_at']).where('is_test', '=', 0).execute();
    const deliveries = await db
      .selectFrom('reminder_deliveries')
      .select(['reminder_id', 'channel', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['reminder_id', 'channel'])
      .execute();
    const mails = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'maintenance.reminder').executeTakeFirstOrThrow();
    const alerts = await db.selectFrom('alerts').select(['reminder_id', (eb) => eb.fn.countAll<number>().as('n')]).where('kind', '=', 'reminder').groupBy('reminder_id').execute();
    return { reminders, deliveries, mails: Number(mails.n), alerts };
  }

  function expectedThrough(days: Date[]) {
    const keys = new Set<string>();
    for (const [serial, end] of endsAt) {
      for (const day of days) {
        const due = decideReminder({ endsAt: end, renewed: false }, DEFAULT_SCHEDULE, dateOf(day)).due;
        if (due) keys.add(`${serial}/${due.stage}/${end}`);
      }
    }
    return keys;
  }

  async function expectExactlyOnce(days: Date[]) {
    const expected = expectedThrough(days);
    const { reminders, deliveries, mails, alerts } = await stored();
    const keys = reminders.map((r) => `${r.serial_number}/${r.stage}/${r.ends_at}`);
    expect(keys.length).toBe(expected.size);
    expect(new Set(keys)).toEqual(expected);
    // Each reminder: an e-mail to the admin and to the partner's admin, and one alert.
    const emails = new Map(deliveries.filter((d) => d.channel === 'email').map((d) => [d.reminder_id, Number(d.n)]));
    expect(emails.size).toBe(reminders.length);
    expect([...emails.values()].every((c) => c === 2)).toBe(true);
    expect(mails).toBe(2 * reminders.length);
    expect(alerts.length).toBe(reminders.length);
    expect(alerts.every((a) => Number(a.n) === 1 && emails.has(a.reminder_id!))).toBe(true);
  }

  it('records each due reminder exactly once and sends each of its messages once', async () => {
    await raceAt(NOW);
    await expectExactlyOnce([NOW]);
  }, 300_000);

  it('on the next day, records only the reminders whose stage came, again once each', async () => {
    const tomorrow = new Date(NOW.getTime() + DAY_MS);
    await raceAt(tomorrow);
    await expectExactlyOnce([NOW, tomorrow]);
  }, 300_000);
});
