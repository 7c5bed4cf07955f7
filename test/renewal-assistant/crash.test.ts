import { existsSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { manualContract } from '../../src/cli/renewal-assistant/contract-sources.js';
import { emptyState, withContract, writeState, type ClientState } from '../../src/cli/renewal-assistant/state.js';
import { makeHome, readAlertsLog, readStateFile, runCli, spawnCli, type ClientHome } from './cli.js';

/** Every state write pauses half-way for this long, so a kill can land while it is on its way to disk. */
const slowWrites = (ms: number) => ({ RENEWAL_ASSISTANT_TEST_WRITE_DELAY_MS: String(ms) });

const tracked = ['M0000000000', 'M3482915673'];

async function homeWithContracts(alertOn = '2027-03-01'): Promise<ClientHome> {
  const home = makeHome();
  let state: ClientState = emptyState();
  for (const serialNumber of tracked) state = withContract(state, manualContract({ serialNumber, endsAt: '2027-03-31', alertOn }, '2026-01-01T00:00:00.000Z'));
  await writeState(home.paths, state);
  return home;
}

const temporaries = (home: ClientHome) => readdirSync(home.paths.stateDir).filter((n) => n.endsWith('.tmp'));

/** Start the client, wait until `ready` says the moment has come, and SIGKILL it there. */
async function killWhen(home: ClientHome, args: string[], ready: () => boolean, writeDelayMs = 60_000): Promise<void> {
  const child = spawnCli(home, args, slowWrites(writeDelayMs));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + 20_000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error('the client never reached the moment to kill it');
    await sleep(10);
  }
  child.kill('SIGKILL');
  await exited;
}

describe('a client killed while writing its state', () => {
  it('loses no contract: the old state is whole, and the next run takes over and finishes', async () => {
    const home = await homeWithContracts();
    await killWhen(home, ['manual-alert', '--serial', 'M1234567894', '--expires', '2027-06-30'], () => temporaries(home).length > 0);

    expect(temporaries(home)).toHaveLength(1);
    expect(existsSync(home.paths.lockFile)).toBe(true);
    expect(readStateFile(home).contracts.map((c) => c.serialNumber)).toEqual(tracked);

    const again = await runCli(home, ['manual-alert', '--serial', 'M1234567894', '--expires', '2027-06-30']);
    expect(again.status).toBe(0);
    expect(readStateFile(home).contracts.map((c) => c.serialNumber)).toEqual(['M0000000000', 'M1234567894', 'M3482915673']);
    expect(readdirSync(home.paths.stateDir).sort()).toEqual(['state.json']);
  });

  it('does not re-raise an alert when killed after recording it, before or after logging it', async () => {
    const home = await homeWithContracts();
    const check = ['--now', '2027-03-01', 'check'];

    // Killed while recording the raised alerts: nothing was raised yet, so the next run raises them.
    await killWhen(home, check, () => temporaries(home).length > 0);
    expect(readStateFile(home).alerts).toEqual([]);
    expect(readAlertsLog(home)).toEqual([]);

    // Killed after recording and logging them, while recording that they are logged.
    await killWhen(home, check, () => readAlertsLog(home).length === 2 && temporaries(home).length > 0, 1_500);
    expect(readStateFile(home).alerts.map((a) => [a.id, a.pending])).toEqual([
      ['M0000000000/2027-03-31/manual', ['log']],
      ['M3482915673/2027-03-31/manual', ['log']],
    ]);
    expect(readAlertsLog(home)).toHaveLength(2);

    const finishing = await runCli(home, check);
    expect(finishing.status).toBe(1);
    expect(finishing.stdout.match(/^ALERT /gm)).toHaveLength(2);
    expect(readStateFile(home).alerts.map((a) => [a.id, a.pending])).toEqual([
      ['M0000000000/2027-03-31/manual', []],
      ['M3482915673/2027-03-31/manual', []],
    ]);
    const quiet = await runCli(home, check);
    expect(quiet.stdout).not.toContain('ALERT');
    expect(readAlertsLog(home)).toHaveLength(2);
  });

  it('keeps the state whole through many kills at any moment', async () => {
    const home = await homeWithContracts('2026-06-01');
    for (let i = 0; i < 12; i++) {
      const child = spawnCli(home, i % 2 ? ['--now', `2026-06-${String(1 + i).padStart(2, '0')}`, 'check'] : ['manual-alert', '--serial', 'M1234567894', '--expires', `2027-0${1 + (i % 9)}-15`, '--replace']);
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await sleep(150 + ((i * 97) % 900));
      child.kill('SIGKILL');
      await exited;
      const state = readStateFile(home);
      expect(state.contracts.map((c) => c.serialNumber)).toEqual(expect.arrayContaining(tracked));
      expect(new Set(state.alerts.map((a) => a.id)).size).toBe(state.alerts.length);
    }
    const final = await runCli(home, ['--now', '2026-06-20', 'check']);
    expect(final.status).toBe(1);
    const lines = readAlertsLog(home);
    expect(lines.filter((l) => l.includes('[M0000000000/2027-03-31/manual]'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('[M3482915673/2027-03-31/manual]'))).toHaveLength(1);
  });
});
