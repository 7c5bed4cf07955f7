import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, daysBetween, maxLeadDays, planReminders } from '../../src/domain/reminders/index.js';
import { systemActor } from '../../src/server/modules/auth/actor.js';
import { startPortal, type RunningPortal } from '../e2e/harness.js';
import { REGISTRATION } from '../get-a-key/setup.js';
import { makeHome, readAlertsLog, readStateFile, runCli, type ClientHome } from './cli.js';
import { createApiToken, lookupWithToken, signInOverHttp, twoAcmeContracts, type WebSession } from './portal-setup.js';

const CONTACT_FLAGS = [
  '--customer-organization', REGISTRATION.customerContact.organization,
  '--customer-address', REGISTRATION.customerContact.address,
  '--customer-country', REGISTRATION.customerContact.country,
  '--technical-name', REGISTRATION.technicalContact.name,
  '--technical-email', REGISTRATION.technicalContact.email,
  '--technical-phone', REGISTRATION.technicalContact.phone,
];

interface CheckReport {
  status: number;
  alerts: { id: string; stage: string; serialNumber: string }[];
  contracts: { serialNumber: string; source: string; endsAt: string; nextAlert: { stage: string; dueOn: string } | null }[];
  portal: { reached: boolean; error: string | null } | null;
}

describe('the Renewal Assistant against a running portal', () => {
  let portal: RunningPortal;
  let portalStopped = false;
  let token: string;
  let serials: { registered: string; needsContacts: string };
  let alice: WebSession;
  const home: ClientHome = makeHome();
  const cli = (...args: string[]) => runCli(home, args);

  beforeAll(async () => {
    portal = await startPortal();
    alice = await signInOverHttp(portal, 'alice@acme.test');
    token = await createApiToken(alice, portal.demo!.accounts.acmeAccountId);
    serials = await twoAcmeContracts(portal, alice, token);
  }, 300_000);
  afterAll(async () => {
    if (!portalStopped) await portal.close();
  });

  it('logs in with an API token of the account, kept in a file only its owner can read', async () => {
    const refused = await cli('login', '--portal', portal.url, '--token', 'lpt_not-a-token');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('the portal refused the API token');
    expect(existsSync(home.paths.configFile)).toBe(false);

    const login = await cli('login', '--portal', `${portal.url}/`, '--token', token, '--account', portal.demo!.accounts.acmeAccountId);
    expect(login.stderr).toBe('');
    expect(login.status).toBe(0);
    expect(login.stdout).toContain(`Logged in to ${portal.url} as account Acme Corp.`);
    expect(statSync(home.paths.configFile).mode & 0o777).toBe(0o600);
    expect(existsSync(home.paths.signingKeysFile)).toBe(true);
  }, 120_000);

  it('tells a mistyped serial before asking the portal, and a serial the portal does not know', async () => {
    const typo = `${serials.registered.slice(0, 5)}${(Number(serials.registered[5]) + 1) % 10}${serials.registered.slice(6)}`;
    const mistyped = await cli('add', serials.needsContacts, typo);
    expect(mistyped.status).toBe(1);
    expect(mistyped.stderr).toContain(`serial 2 (${typo}): check digit does not match — look for a mistyped digit`);
    expect(existsSync(home.paths.stateFile)).toBe(false);

    const unknown = await cli('add', 'M0000000000');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('M0000000000: not found');
  }, 120_000);

  it('adds two contracts, the one that needs contacts answered from flags', async () => {
    const unanswered = await cli('add', serials.needsContacts);
    expect(unanswered.status).toBe(1);
    expect(unanswered.stderr).toContain('give --customer-organization, --customer-address, --customer-country, --technical-name, --technical-email, --technical-phone');
    expect(existsSync(home.paths.stateFile)).toBe(false);

    const added = await cli('add', serials.registered, serials.needsContacts, ...CONTACT_FLAGS);
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    expect(added.stdout).toContain('Tracking 2 contracts');
    expect((await lookupWithToken(portal, token, [serials.needsContacts]))[0]!.needsContacts).toBe(false);

    const list = JSON.parse((await cli('--json', 'list')).stdout) as { contracts: { serialNumber: string; source: string }[] };
    expect(list.contracts.map((c) => [c.serialNumber, c.source]).sort()).toEqual([[serials.registered, 'portal'], [serials.needsContacts, 'portal']].sort());
  }, 120_000);

  it('imports the contract file downloaded from the portal on a second server, verified with the keys cached at login', async () => {
    const offline = makeHome();
    expect((await runCli(offline, ['login', '--portal', portal.url, '--token', token])).status).toBe(0);
    const download = await alice.get(`/accounts/${portal.demo!.accounts.acmeAccountId}/maintenance-contracts/${serials.registered}/file`);
    expect(download.status).toBe(200);
    const file = join(offline.dir, 'contract.json');
    writeFileSync(file, JSON.stringify(download.json));

    const imported = await runCli(offline, ['import', file]);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain(`Verified and imported ${serials.registered}`);
    const tracked = readStateFile(offline).contracts;
    const online = readStateFile(home).contracts.find((c) => c.serialNumber === serials.registered)!;
    expect(tracked.map((c) => [c.serialNumber, c.source, c.endsAt, c.schedule])).toEqual([[serials.registered, 'file', online.endsAt, online.schedule]]);
  }, 120_000);

  it('picks up a contract renewed in the portal at the next check, planning from the new end date', async () => {
    const before = readStateFile(home).contracts.find((c) => c.serialNumber === serials.registered)!.endsAt;
    const renewedTo = addDays(before, 365);
    await portal.container.maintenanceContracts.renew({ actor: systemActor('test'), ip: null }, serials.registered, renewedTo);
    // A day long before any end date: the refresh is all this check does.
    const run = await cli('--json', '--now', '2020-01-01', 'check');
    const report = JSON.parse(run.stdout) as CheckReport;
    expect(run.status).toBe(0);
    expect(report.portal).toEqual({ reached: true, error: null });
    const renewed = report.contracts.find((c) => c.serialNumber === serials.registered)!;
    expect([renewed.endsAt, renewed.nextAlert?.dueOn]).toEqual([renewedTo, addDays(renewedTo, -90)]);
  }, 120_000);

  it('raises each alert once at its stage with the right exit status, and keeps going with the portal stopped', async () => {
    const contracts = readStateFile(home).contracts;
    const plans = contracts.flatMap((c) => planReminders(c.endsAt, c.schedule).map((p) => ({ id: `${c.serialNumber}/${c.endsAt}/${p.stage}`, dueOn: p.dueOn })));
    const ends = contracts.map((c) => c.endsAt);
    const days = [...new Set([addDays(ends.reduce((a, b) => (a < b ? a : b)), -100), ...plans.map((p) => p.dueOn), ...ends, ...ends.map((e) => addDays(e, 1))])].sort();
    // SPEC §11: 2 once a contract has ended, 1 within 90 days of its end (or a longer alert window of its schedule).
    const windowOf = (c: (typeof contracts)[number]) => Math.max(90, maxLeadDays(c.schedule));
    const expectedStatus = (day: string) => Math.max(...contracts.map((c) => (day > c.endsAt ? 2 : daysBetween(day, c.endsAt) <= windowOf(c) ? 1 : 0)));
    const stopAt = days[Math.floor(days.length / 2)]!;

    for (const day of days) {
      if (day === stopAt) {
        await portal.close();
        portalStopped = true;
      }
      for (const attempt of [1, 2]) {
        const run = await cli('--json', '--now', day, 'check');
        const report = JSON.parse(run.stdout) as CheckReport;
        const expected = attempt === 1 ? plans.filter((p) => p.dueOn === day).map((p) => p.id).sort() : [];
        expect({ day, attempt, alerts: report.alerts.map((a) => a.id).sort(), status: run.status }).toEqual({ day, attempt, alerts: expected, status: expectedStatus(day) });
        expect(report.status).toBe(run.status);
        expect(report.portal?.reached).toBe(!portalStopped);
        if (portalStopped) expect(run.stderr).toContain('cannot reach the portal');
      }
    }
    const logged = readAlertsLog(home);
    expect(logged).toHaveLength(plans.length);
    for (const plan of plans) expect(logged.filter((line) => line.includes(`[${plan.id}]`))).toHaveLength(1);
  }, 600_000);

  it('sets a manual alert from the certificate while the portal is down, and raises it once', async () => {
    expect(portalStopped).toBe(true);
    const today = '2030-01-10';
    const fromCertificate = 'M9000000177';
    const manual = await cli('--now', today, 'manual-alert', '--serial', fromCertificate, '--expires', '2030-02-01');
    expect(manual.status).toBe(0);
    expect(manual.stdout).toContain(`Manual alert for ${fromCertificate} (expires 2030-02-01) will be raised at the next check.`);

    const list = await cli('--now', today, 'list');
    expect(list.stdout).toMatch(new RegExp(`${fromCertificate}\\s+—\\s+2030-02-01\\s+22\\s+expiring\\s+manual\\s+manual due now`));

    const check = await cli('--now', today, 'check');
    expect(check.stdout).toContain(`ALERT manual Maintenance contract ${fromCertificate} ends on 2030-02-01, in 22 days (manual alert)`);
    const portalContractEnded = readStateFile(home).contracts.some((c) => c.source === 'portal' && c.endsAt < today);
    expect(check.status).toBe(portalContractEnded ? 2 : 1);
    const again = await cli('--now', today, 'check');
    expect(again.stdout).not.toContain('ALERT');
  }, 120_000);
});
