import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../src/server/operations/backup.js';
import { reportFigures } from '../cluster/figures.js';
import { Fleet } from '../cluster/http.js';
import { checkInvariants } from '../cluster/invariants.js';
import { LoadDriver } from '../cluster/load-driver.js';
import { prepareLoadWorld, type LoadWorld } from '../cluster/load-world.js';
import { startPortalProcess, stopPortalProcess, type PortalProcess } from '../cluster/portal-process.js';
import { closePortal } from '../flex/world.js';
import { DIALECTS } from '../harness/portal.js';

/** Kills per dialect; CI runs the default, more on demand (`CRASH_KILLS=100 npx vitest run test/crash`). */
const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const LANES = 8;

/**
 * `portal serve` (every role in one process) killed with SIGKILL at a random moment of the mixed
 * load, again and again; after each restart the database must be whole and hold every invariant,
 * and everything acknowledged before the kill must still be there.
 */
describe.each(DIALECTS)('the portal killed with SIGKILL under load [%s]', (dialect) => {
  let world: LoadWorld;
  let running: PortalProcess | undefined;

  beforeAll(async () => {
    world = await prepareLoadWorld(dialect, { serials: 40 * KILLS, vouchers: 40 * KILLS, poolUnits: 200 });
  }, 180_000);

  afterAll(async () => {
    if (running) await stopPortalProcess(running, 'SIGKILL');
    if (world) await closePortal(world.portal);
  }, 60_000);

  it(`loses nothing acknowledged and keeps every invariant through ${KILLS} kills`, async () => {
    const fleet = new Fleet([]);
    const driver = new LoadDriver(world, fleet);
    const sqliteFile = dialect === 'sqlite' ? world.deployment.databaseUrl.slice('sqlite:'.length) : null;
    let cutInFlight = 0;
    const started = performance.now();

    for (let restart = 0; restart <= KILLS; restart++) {
      running = await startPortalProcess(world.deployment, 'all');
      // The restarted portal finds the database whole and every earlier acknowledgement in it.
      if (sqliteFile) expect(checkIntegrity(sqliteFile), `integrity after restart ${restart}`).toBe('ok');
      const report = await checkInvariants(world.portal.container.store.db, driver.acknowledged, world.contracts, driver.reminderDaysTried);
      expect(report.violations, `after restart ${restart}`).toEqual([]);
      if (restart === KILLS) break;

      fleet.retarget([running.url!]);
      const portal = running;
      const unansweredBefore = driver.unanswered;
      // Load for up to a second; the kill lands somewhere in it, past the first requests.
      const kill = sleep(150 + Math.random() * 850).then(() => portal.child.kill('SIGKILL'));
      const load = driver.run(1500, LANES, { stop: kill });
      await kill;
      expect(await portal.exited).toBe('SIGKILL');
      await load;
      if (driver.unanswered > unansweredBefore) cutInFlight++;
    }

    expect(driver.failures).toEqual([]);
    expect(driver.acknowledgedCount()).toBeGreaterThan(0);
    await stopPortalProcess(running!, 'SIGTERM');
    running = undefined;

    const final = await checkInvariants(world.portal.container.store.db, driver.acknowledged, world.contracts, driver.reminderDaysTried);
    reportFigures(`crash-${dialect}`, {
      database: dialect,
      kills: KILLS,
      killsWithRequestsInFlight: cutInFlight,
      requests: driver.requests,
      requestsCutByKills: driver.unanswered,
      acknowledgedChanges: driver.acknowledgedCount(),
      lost: 0,
      integrityChecks: sqliteFile ? KILLS + 1 : 0,
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
      ...final.holdings,
    });
  }, KILLS * 45_000 + 60_000);
});
