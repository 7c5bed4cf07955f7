import { join } from 'node:path';
import { prepare } from '../src/server/boot.js';
import { loadConfig } from '../src/server/config.js';
import { createContainer, type Container } from '../src/server/container.js';
import type { DatabaseHandle, Dialect } from '../src/server/db/database.js';
import { systemActor } from '../src/server/modules/auth/actor.js';
import { ManualClock } from '../src/server/platform/clock.js';
import { createTestDatabase, isPostgresAvailable } from '../test/harness/databases.js';
import { inFlight, peakRssMiB, sqliteDatabase, timed } from './lib/in-process.js';
import type { BenchContext, BenchOutcome, Benchmark, Figure } from './lib/types.js';

const ctx = { actor: systemActor('bench'), ip: null };
const IN_FLIGHT = 16;

/**
 * Enterprise Flexible draw-downs and voucher redemptions in process, on SQLite and PostgreSQL:
 * each is one transaction with a conditional UPDATE, a signed license, a ledger or voucher row and
 * audit entries. Also a race of 4× more draw-downs than a pool holds, counted for exactness.
 */
const bench: Benchmark = {
  description: 'Draw-downs (pool decremented by one conditional UPDATE, a signed license, ledger and audit) and voucher redemptions (claimed by one conditional UPDATE, a signed license, its e-mail) in process, 16 in flight, on SQLite and PostgreSQL, against single-row commits.',
  async run(bctx) {
    const n = bctx.quick ? 200 : 1000;
    const dialects: Dialect[] = (await isPostgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
    const figures: Record<string, Figure> = { 'operations per scenario': { value: n, unit: '' } };
    let ratio: number | null = null;
    let headline = '';
    for (const dialect of dialects) {
      const r = await measure(bctx, dialect, n);
      figures[`${dialect}: draw-downs per second`] = { value: r.drawDowns, unit: 'draw-downs/s' };
      figures[`${dialect}: redemptions per second`] = { value: r.redemptions, unit: 'redemptions/s' };
      figures[`${dialect}: race, ${r.race.asked} draw-downs for ${r.race.units} units`] = `${r.race.granted} granted, ${r.race.refused} refused pool_exhausted, pool left ${r.race.remaining}`;
      figures[`${dialect}: floor, single-row commits per second`] = { value: r.floor, unit: 'commits/s' };
      figures[`${dialect}: draw-downs ÷ floor`] = { value: r.drawDowns / r.floor, unit: '×' };
      figures[`${dialect}: redemptions ÷ floor`] = { value: r.redemptions / r.floor, unit: '×' };
      if (dialect === 'sqlite') {
        ratio = r.drawDowns / r.floor;
        headline = `SQLite: ${Math.round(r.drawDowns)} draw-downs/s (${ratio.toFixed(2)} × single-row commits), ${Math.round(r.redemptions)} redemptions/s`;
      }
    }
    figures['peak RSS of the process (VmHWM)'] = { value: peakRssMiB(), unit: 'MiB' };
    const outcome: BenchOutcome = {
      headline,
      ratio,
      goalMet: null,
      figures,
      method: [
        `One customer with an Enterprise Flexible contract whose pool holds ${n.toLocaleString('en-US')} units; ${n.toLocaleString('en-US')} draw-downs of one unit through the service, ${IN_FLIGHT} in flight, timed.`,
        `One OEM with a batch of ${n.toLocaleString('en-US')} vouchers; each redeemed once through the service for one existing end customer (its admin receives the key by e-mail through the outbox), ${IN_FLIGHT} in flight, timed.`,
        'The race: a pool of 50 units and 200 draw-downs of one unit all started at once; the figures count what was granted and refused and what the pool holds after.',
        'The floor is the same number of transactions each inserting one outbox row, one after another, on the same database in the same process. SQLite runs WAL with synchronous=FULL; PostgreSQL is the local server with synchronous_commit=on.',
      ],
    };
    return outcome;
  },
};
export default bench;

async function measure(bctx: BenchContext, dialect: Dialect, n: number) {
  const database: { handle: DatabaseHandle; url: string; drop(): Promise<void> } =
    dialect === 'sqlite' ? sqliteDatabase(join(bctx.workDir, `${dialect}.db`)) : await createTestDatabase('postgres');
  const config = loadConfig({ DATABASE_URL: database.url, DATA_DIR: bctx.workDir, PORTAL_SECRET: 'bench-secret-bench-secret-bench-secret-01', PUBLIC_URL: 'http://portal.bench', PORTAL_DEMO: '0', LOG_LEVEL: 'silent' });
  const container = createContainer(config, { clock: new ManualClock(new Date('2026-11-23T09:00:00.000Z')), mailer: null, database: database.handle });
  try {
    await prepare(container);
    const world = await seed(container, n);
    const units = Array.from({ length: n }, (_, i) => i);
    const drawDowns = await timed(() =>
      inFlight(units, IN_FLIGHT, () => container.drawDowns.drawDown(ctx, world.customerId, world.contractId, { productSku: 'VB-23-SRV', quantity: 1 })),
    );
    if (drawDowns.result.some((o) => !o.ok)) throw new Error('a draw-down was refused with units left');
    const redemptions = await timed(() =>
      inFlight(world.codes, IN_FLIGHT, (code) => container.redemptions.redeem(ctx, world.oemId, { code, endCustomer: { accountId: world.endCustomerId } })),
    );
    if (redemptions.result.some((o) => !o.ok)) throw new Error('a redemption was refused');
    const race = await raceForPool(container, world.customerId);
    const floor = await timed(async () => {
      for (const i of units) await container.store.transaction((tx) => container.outbox.enqueue(tx, { kind: 'bench', accountId: world.customerId, to: 'floor@bench.test', subject: 'floor', text: String(i) }));
    });
    bctx.log(`${dialect}: draw-downs ${drawDowns.seconds.toFixed(1)} s, redemptions ${redemptions.seconds.toFixed(1)} s, floor ${floor.seconds.toFixed(1)} s`);
    return { drawDowns: n / drawDowns.seconds, redemptions: n / redemptions.seconds, floor: n / floor.seconds, race };
  } finally {
    await container.close();
    await database.drop();
  }
}

async function seed(container: Container, n: number) {
  await container.catalog.createProduct(ctx, { sku: 'VB-23-SRV', name: 'Vault Backup 23 Server', productLine: 'Vault Backup', version: '23', licenseModel: 'perpetual', unit: 'server' });
  const customer = await container.accounts.insertAccountStandalone(ctx, { name: 'Bench customer', kind: 'customer' });
  const oem = await container.accounts.insertAccountStandalone(ctx, { name: 'Bench OEM', kind: 'oem' });
  const contract = await container.flexContracts.create(ctx, { accountId: customer.id, startsAt: '2026-01-01', endsAt: '2027-12-31', pool: [{ productSku: 'VB-23-SRV', units: n }] });
  const batch = await container.voucherBatches.create(ctx, { oemAccountId: oem.id, productSku: 'VB-23-SRV', count: n + 1, expiresAt: '2027-12-31' });
  const [first, ...codes] = batch.vouchers;
  const opening = await container.redemptions.redeem(ctx, oem.id, { code: first!, endCustomer: { name: 'Bench end customer', contact: { name: 'Eve', email: 'eve@bench.test' } } });
  if (!opening.ok) throw new Error(opening.message);
  return { customerId: customer.id, contractId: contract.id, oemId: oem.id, codes, endCustomerId: opening.value.endCustomer.accountId };
}

/** 4× more draw-downs than units, all at once: exactly the units are granted, the rest refused. */
async function raceForPool(container: Container, customerId: string) {
  const units = 50;
  const asked = units * 4;
  const contract = await container.flexContracts.create(ctx, { accountId: customerId, startsAt: '2026-01-01', endsAt: '2027-12-31', pool: [{ productSku: 'VB-23-SRV', units }] });
  const outcomes = await Promise.all(Array.from({ length: asked }, () => container.drawDowns.drawDown(ctx, customerId, contract.id, { productSku: 'VB-23-SRV', quantity: 1 })));
  const after = await container.flexContracts.get(ctx, customerId, contract.id);
  const granted = outcomes.filter((o) => o.ok).length;
  if (granted !== units || after.pools[0]!.remaining !== 0) throw new Error(`race: ${granted} granted of ${units}, ${after.pools[0]!.remaining} left`);
  return { units, asked, granted, refused: outcomes.filter((o) => !o.ok && o.code === 'pool_exhausted').length, remaining: after.pools[0]!.remaining };
}
