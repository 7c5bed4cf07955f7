import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manualContract } from '../../src/cli/renewal-assistant/contract-sources.js';
import { emptyState, withContract, writeState } from '../../src/cli/renewal-assistant/state.js';
import { makeHome, readAlertsLog, runCli, spawnCli, type ClientHome } from './cli.js';

async function homeWithDueAlert(): Promise<ClientHome> {
  const home = makeHome();
  await writeState(home.paths, withContract(emptyState(), manualContract({ serialNumber: 'M3482915673', endsAt: '2027-03-31', alertOn: '2027-03-01' }, '2026-01-01T00:00:00.000Z')));
  return home;
}

describe('running from cron or a service manager', () => {
  it('watch checks again and again, raises the alert once, and stops cleanly on SIGTERM', async () => {
    const home = await homeWithDueAlert();
    // A check every 1.8 seconds instead of daily.
    const watch = spawnCli(home, ['--now', '2027-03-01', 'watch', '--every', '0.0005']);
    let stdout = '';
    watch.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((resolve) => watch.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    while ((stdout.match(/RENEWALS WARNING/g) ?? []).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    watch.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect((stdout.match(/RENEWALS WARNING - M3482915673 ends in 30 days/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(stdout.match(/^ALERT /gm)).toHaveLength(1);
    expect(readAlertsLog(home)).toHaveLength(1);
  }, 90_000);

  it('check --quiet prints only when an alert is raised, for cron to mail', async () => {
    const home = await homeWithDueAlert();
    const before = await runCli(home, ['--now', '2026-12-01', 'check', '--quiet']);
    expect([before.status, before.stdout]).toEqual([0, '']);
    const due = await runCli(home, ['--now', '2027-03-01', 'check', '--quiet']);
    expect(due.status).toBe(1);
    expect(due.stdout).toContain('ALERT manual');
    const after = await runCli(home, ['--now', '2027-03-02', 'check', '--quiet']);
    expect([after.status, after.stdout]).toEqual([1, '']);
  }, 60_000);

  it('prints a crontab line that runs check from anywhere with this state', async () => {
    const home = makeHome();
    const run = await runCli(home, ['install-cron', '--at', '6:05']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`5 6 * * * XDG_CONFIG_HOME=${home.env.XDG_CONFIG_HOME} XDG_STATE_HOME=${home.env.XDG_STATE_HOME} ${process.execPath} ${process.cwd()}/bin/renewal-assistant.js check --quiet\n`);
    const bad = await runCli(home, ['install-cron', '--at', '25:00']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--at: "25:00" is not a time of day; write it as HH:MM, e.g. 07:30');
  }, 60_000);

  it('answers 3 (unknown) with a clear message, never a stack trace, when check cannot read its state', async () => {
    const home = await homeWithDueAlert();
    writeFileSync(home.paths.stateFile, '{ not json');
    const run = await runCli(home, ['check']);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe(`error: ${home.paths.stateFile} is not valid JSON\n       it was edited by hand or damaged outside this program: restore it from a backup, or move it away to start afresh\n`);
    const json = await runCli(home, ['--json', 'check']);
    expect(json.status).toBe(3);
    expect(JSON.parse(json.stdout).error.code).toBe('state_damaged');
    const clock = await runCli(home, ['--now', 'tomorrow', 'list']);
    expect(clock.stderr).toBe('error: --now: "tomorrow" is not a date or an ISO 8601 timestamp\n');
  }, 60_000);
});
