import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { prepare } from '../src/server/boot.js';
import { loadConfig } from '../src/server/config.js';
import { createContainer, type Container } from '../src/server/container.js';
import { createDatabase, type DatabaseHandle, type Dialect } from '../src/server/db/database.js';
import { systemActor } from '../src/server/modules/auth/actor.js';
import { ManualClock } from '../src/server/platform/clock.js';
import { createTestDatabase, isPostgresAvailable } from '../test/harness/databases.js';
import type { BenchContext, BenchOutcome, Benchmark, Figure } from './lib/types.js';

const ctx = { actor: systemActor('bench'), ip: null };
const REGISTRATION = {
  customerContact: { organization: 'Bench Corp', address: '1 Bench Street', country: 'US' },
  technicalContact: { name: 'Bench Tech', email: 'tech@bench.test', phone: '+1 555 0100' },
};
const UPGRADES_IN_FLIGHT = 16;

/**
 * Version upgrades in process, on SQLite (synchronous=FULL) and PostgreSQL: publishing a campaign
 * over N accounts (each notified in its own transaction), running it again, and N upgrades (each
 * issuing a signed license and queueing its e-mail), against a floor of N single-row commits.
 */
const bench: Benchmark = {
  description: 'Version upgrades in process: a campaign over N accounts (one notification transaction each), its rerun, and one upgrade per account (a signed license and its e-mail), on SQLite and PostgreSQL, against single-row commits.',
  async run(bctx) {
    const accounts = bctx.quick ? 100 : 1000;
    const dialects: Dialect[] = (await isPostgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
    const figures: Record<string, Figure> = { 'accounts in the campaign': { value: accounts, unit: '' } };
    let ratio: number | null = null;
    for (const dialect of dialects) {
      const r = await measure(bctx, dialect, accounts);
      figures[`${dialect}: campaign, accounts notified per second`] = { value: r.campaignPerSecond, unit: 'accounts/s' };
      figures[`${dialect}: rerun, accounts checked per second`] = { value: r.rerunPerSecond, unit: 'accounts/s' };
      figures[`${dialect}: upgrades per second (${UPGRADES_IN_FLIGHT} in flight)`] = { value: r.upgradesPerSecond, unit: 'upgrades/s' };
      figures[`${dialect}: floor, single-row commits per second`] = { value: r.floorPerSecond, unit: 'commits/s' };
      figures[`${dialect}: campaign ÷ floor`] = { value: r.campaignPerSecond / r.floorPerSecond, unit: '×' };
      figures[`${dialect}: upgrades ÷ floor`] = { value: r.upgradesPerSecond / r.floorPerSecond, unit: '×' };
      if (dialect === 'sqlite') ratio = r.campaignPerSecond / r.floorPerSecond;
    }
    figures['peak RSS of the process (VmHWM, seeding included)'] = { value: peakRssMiB(), unit: 'MiB' };
    const sqliteCampaign = figures['sqlite: campaign, accounts notified per second'] as { value: number };
    const sqliteUpgrades = figures[`sqlite: upgrades per second (${UPGRADES_IN_FLIGHT} in flight)`] as { value: number };
    const outcome: BenchOutcome = {
      notes: [`load average (1 min) when the run ended: ${loadavg()[0]!.toFixed(1)} on this machine; other work on a shared machine slows every figure alike, the ratios less`],
      headline: `SQLite: campaign ${Math.round(sqliteCampaign.value).toLocaleString('en-US')} accounts/s (${ratio!.toFixed(2)} × single-row commits), ${Math.round(sqliteUpgrades.value).toLocaleString('en-US')} upgrades/s`,
      ratio,
      goalMet: null,
      figures,
      method: [
        `Each of ${accounts.toLocaleString('en-US')} customer accounts holds one registered Vault Backup 22 license of 5 servers with maintenance covering today (seeded through the services).`,
        'The campaign (22 → 23, upgrade rights) is published through the service as the vendor would, and timed; then published again (every account already notified: reads and no writes), and timed.',
        `Then each account upgrades 2 servers through the upgrade service, ${UPGRADES_IN_FLIGHT} requests in flight: a conditional update of the eligible units, a registration, a signed license, audit entries and the key e-mail in the outbox, one transaction each.`,
        'The floor is the same number of transactions each inserting one outbox row, one after another, on the same database in the same process. SQLite runs WAL with synchronous=FULL (the default); PostgreSQL is the local server with synchronous_commit=on.',
      ],
    };
    return outcome;
  },
};
export default bench;

async function measure(bctx: BenchContext, dialect: Dialect, accounts: number) {
  const database: { handle: DatabaseHandle; url: string; drop(): Promise<void> } =
    dialect === 'sqlite' ? sqliteDatabase(join(bctx.workDir, 'portal.db')) : await createTestDatabase('postgres');
  const config = loadConfig({ DATABASE_URL: database.url, DATA_DIR: bctx.workDir, PORTAL_SECRET: 'bench-secret-bench-secret-bench-secret-01', PUBLIC_URL: 'http://portal.bench', PORTAL_DEMO: '0', LOG_LEVEL: 'silent' });
  const container = createContainer(config, { clock: new ManualClock(new Date('2026-11-23T09:00:00.000Z')), mailer: null, database: database.handle });
  try {
    await prepare(container);
    bctx.log(`${dialect}: seeding ${accounts.toLocaleString('en-US')} accounts…`);
    const accountIds = await seed(container, accounts);

    const campaign = await timed(() => container.upgradeCampaigns.publish(ctx, { fromSkus: ['VB-22-SRV'], toSku: 'VB-23-SRV' }));
    if (campaign.result.notifications.length !== accounts) throw new Error(`notified ${campaign.result.notifications.length} of ${accounts}`);
    const rerun = await timed(() => container.upgradeCampaigns.publish(ctx, { fromSkus: ['VB-22-SRV'], toSku: 'VB-23-SRV' }));
    const ids = new Map(campaign.result.notifications.map((n) => [n.accountId, n.notificationId]));
    const upgrades = await timed(() =>
      inFlight(accountIds, UPGRADES_IN_FLIGHT, (accountId) =>
        container.upgrades.upgrade(ctx, accountId, { notificationId: ids.get(accountId)!, items: [{ productSku: 'VB-22-SRV', quantity: 2 }], registration: REGISTRATION }),
      ),
    );
    const floor = await timed(async () => {
      for (const accountId of accountIds) await container.store.transaction((tx) => container.outbox.enqueue(tx, { kind: 'bench', accountId, to: 'floor@bench.test', subject: 'floor', text: 'floor' }));
    });
    const perSecond = (seconds: number) => accounts / seconds;
    bctx.log(`${dialect}: campaign ${campaign.seconds.toFixed(1)} s, rerun ${rerun.seconds.toFixed(1)} s, upgrades ${upgrades.seconds.toFixed(1)} s, floor ${floor.seconds.toFixed(1)} s`);
    return { campaignPerSecond: perSecond(campaign.seconds), rerunPerSecond: perSecond(rerun.seconds), upgradesPerSecond: perSecond(upgrades.seconds), floorPerSecond: perSecond(floor.seconds) };
  } finally {
    await container.close();
    await database.drop();
  }
}

async function seed(container: Container, count: number): Promise<string[]> {
  for (const product of [
    { sku: 'VB-22-SRV', name: 'Vault Backup 22 Server', productLine: 'Vault Backup', version: '22', licenseModel: 'perpetual' as const, unit: 'server' as const },
    { sku: 'VB-23-SRV', name: 'Vault Backup 23 Server', productLine: 'Vault Backup', version: '23', licenseModel: 'perpetual' as const, unit: 'server' as const },
  ])
    await container.catalog.createProduct(ctx, product);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const account = await container.accounts.insertAccountStandalone(ctx, { name: `Bench customer ${i}`, kind: 'customer' });
    const order = await container.orders.createOrder(ctx, { accountId: account.id, lines: [{ productSku: 'VB-22-SRV', quantity: 5, maintenance: { startsAt: '2026-01-01', endsAt: '2027-12-31' } }] });
    await container.getAKey.register(ctx, account.id, { serialNumber: order.certificate.lines[0]!.serialNumber, registration: REGISTRATION });
    ids.push(account.id);
  }
  return ids;
}

function sqliteDatabase(file: string) {
  const url = `sqlite:${file}`;
  return { handle: createDatabase({ url, sqliteSynchronous: 'full' }), url, drop: async () => {} };
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
}

async function inFlight<T>(items: T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

function peakRssMiB(): number {
  return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
}
