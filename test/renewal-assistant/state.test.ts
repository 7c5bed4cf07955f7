import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/cli/renewal-assistant/atomic-file.js';
import { readConfig, writeConfig, emptyConfig } from '../../src/cli/renewal-assistant/config.js';
import { manualContract } from '../../src/cli/renewal-assistant/contract-sources.js';
import { appendToAlertsLog } from '../../src/cli/renewal-assistant/deliver.js';
import { CliError } from '../../src/cli/renewal-assistant/errors.js';
import { readState, withContract, withState, type RaisedAlert } from '../../src/cli/renewal-assistant/state.js';
import { makeHome, readAlertsLog } from './cli.js';

const contract = (serialNumber: string) => manualContract({ serialNumber, endsAt: '2027-03-31', alertOn: '2027-03-01' }, '2026-01-01T00:00:00.000Z');

describe('local state', () => {
  it('starts empty, and keeps what was saved with owner-only permissions', async () => {
    const home = makeHome();
    expect((await readState(home.paths)).contracts).toEqual([]);
    await withState(home.paths, (state, save) => save(withContract(state, contract('M3482915673'))));
    expect((await readState(home.paths)).contracts.map((c) => c.serialNumber)).toEqual(['M3482915673']);
    expect(statSync(home.paths.stateFile).mode & 0o777).toBe(0o600);
    expect(statSync(home.paths.stateDir).mode & 0o777).toBe(0o700);
  });

  it('writes the token into a config file only its owner can read', async () => {
    const home = makeHome();
    await writeConfig(home.paths, { ...emptyConfig(), portal: { url: 'https://portal.example', token: 'lpt_secret', accountId: null, accountName: null, loggedInAt: '2026-01-01T00:00:00.000Z' } });
    expect(statSync(home.paths.configFile).mode & 0o777).toBe(0o600);
    expect((await readConfig(home.paths)).portal?.token).toBe('lpt_secret');
  });

  it('serializes concurrent changes: none is lost', async () => {
    const home = makeHome();
    const serials = ['M0000000000', 'M3482915673', 'M1111111110', 'M1234567894'];
    await Promise.all(serials.map((s) => withState(home.paths, async (state, save) => {
      await new Promise((r) => setTimeout(r, 20));
      await save(withContract(state, contract(s)));
    })));
    expect((await readState(home.paths)).contracts.map((c) => c.serialNumber).sort()).toEqual([...serials].sort());
  });

  it('takes over the lock of a process that was killed, and clears its half-written temporary file', async () => {
    const home = makeHome();
    mkdirSync(home.paths.stateDir, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(home.paths.lockFile, dead);
    writeFileSync(`${home.paths.stateFile}.${dead}.abcd1234.tmp`, '{"version":1,"contr');
    await withState(home.paths, (state, save) => save(withContract(state, contract('M3482915673'))));
    expect(readdirSync(home.paths.stateDir).sort()).toEqual(['state.json']);
  });

  it('refuses a damaged state file with a clear error rather than starting afresh over it', async () => {
    const home = makeHome();
    await writeFileAtomic(home.paths.stateFile, '{"version":1,"contracts":[{"serialNumber":');
    const failure = await readState(home.paths).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as CliError).message).toBe(`${home.paths.stateFile} is not valid JSON`);
    expect(readFileSync(home.paths.stateFile, 'utf8')).toContain('"serialNumber":');
  });

  it('appends an alert to alerts.log once, even when the delivery is finished a second time', async () => {
    const home = makeHome();
    const alert: RaisedAlert = { id: 'M3482915673/2027-03-31/30d', serialNumber: 'M3482915673', stage: '30d', endsAt: '2027-03-31', dueOn: '2027-03-01', raisedAt: '2027-03-01T07:30:00.000Z', message: 'Maintenance contract M3482915673 ends on 2027-03-31, in 30 days (30-day reminder).', pending: ['log'], lastError: null };
    await appendToAlertsLog(home.paths.alertsLog, [alert]);
    await appendToAlertsLog(home.paths.alertsLog, [alert]);
    expect(readAlertsLog(home)).toEqual([`2027-03-01T07:30:00.000Z [M3482915673/2027-03-31/30d] ${alert.message}`]);
  });
});
