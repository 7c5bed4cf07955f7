import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPostgresAvailable } from '../harness/databases.js';
import { closePortal } from '../flex/world.js';
import { reportFigures } from './figures.js';
import { Fleet } from './http.js';
import { checkInvariants } from './invariants.js';
import { LoadDriver } from './load-driver.js';
import { prepareLoadWorld, type LoadWorld } from './load-world.js';
import { cpuSeconds, startPortalProcess, stopPortalProcess, type PortalProcess } from './portal-process.js';

const LOAD_SECONDS = Number(process.env.CLUSTER_LOAD_SECONDS ?? 5);
const LANES = 24;

/**
 * Three `portal serve --role web` and two `--role worker` processes on one PostgreSQL, the mix
 * of SPEC's operations spread round-robin over the web instances, then the invariants by SQL.
 */
describe.runIf(await isPostgresAvailable())('a cluster of three web and two worker processes on PostgreSQL', () => {
  let world: LoadWorld;
  const processes: PortalProcess[] = [];

  beforeAll(async () => {
    world = await prepareLoadWorld('postgres', { serials: 1000, vouchers: 1000, poolUnits: 300 });
    const started = await Promise.all([
      ...[0, 1, 2].map(() => startPortalProcess(world.deployment, 'web')),
      ...[0, 1].map(() => startPortalProcess(world.deployment, 'worker')),
    ]);
    processes.push(...started);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => stopPortalProcess(p, 'SIGKILL')));
    if (world) await closePortal(world.portal);
  }, 60_000);

  it('holds every invariant under the mixed load, and loses nothing it acknowledged', async () => {
    const webs = processes.filter((p) => p.role === 'web').map((p) => p.url!);
    const driver = new LoadDriver(world, new Fleet(webs));
    const cpu = () => processes.reduce((n, p) => n + cpuSeconds(p), 0);
    const cpuBefore = cpu();
    const started = performance.now();
    await driver.run(LOAD_SECONDS * 1000, LANES);
    const seconds = (performance.now() - started) / 1000;
    // The machine is shared: CPU time per request says more than the wall clock does.
    const cpuUsed = cpu() - cpuBefore;

    // Every instance is still up, and stops cleanly.
    for (const p of processes) expect(p.child.exitCode, p.stderr()).toBeNull();
    expect(driver.failures).toEqual([]);
    expect(driver.unanswered).toBe(0);
    const report = await checkInvariants(world.portal.container.store.db, driver.acknowledged, world.contracts, driver.reminderDaysTried);
    expect(report.violations).toEqual([]);
    expect(driver.acknowledged.registrations.length).toBeGreaterThan(0);
    expect(driver.acknowledged.drawDowns.length).toBeGreaterThan(0);
    expect(driver.acknowledged.redemptions.length).toBeGreaterThan(0);
    expect(driver.acknowledged.activations.length).toBeGreaterThan(0);
    expect(driver.acknowledged.reminderDays.size).toBeGreaterThan(0);

    const exits = await Promise.all(processes.map((p) => stopPortalProcess(p, 'SIGTERM')));
    expect(exits).toEqual([0, 0, 0, 0, 0]);

    reportFigures('cluster', {
      webInstances: 3,
      workerInstances: 2,
      database: 'postgres',
      seconds: Number(seconds.toFixed(2)),
      requests: driver.requests,
      requestsPerSecond: Math.round(driver.requests / seconds),
      portalCpuSeconds: Number(cpuUsed.toFixed(2)),
      portalCpuMsPerRequest: Number(((cpuUsed * 1000) / driver.requests).toFixed(1)),
      acknowledgedChanges: driver.acknowledgedCount(),
      answers: driver.answers,
      meanMilliseconds: driver.meanMilliseconds(),
      lost: 0,
      ...report.holdings,
    });
  }, 180_000);
});

