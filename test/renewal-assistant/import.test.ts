import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildJwks, generateSigningKeyPair, signContractFile, type ContractPayload } from '../../src/domain/signing/index.js';
import { makeHome, readStateFile, runCli, type ClientHome } from './cli.js';

const key = generateSigningKeyPair();
const otherKey = generateSigningKeyPair();

const payload: ContractPayload = {
  serialNumber: 'M3482915673',
  accountId: 'acc_acme',
  productSku: 'VB-22-SRV',
  productName: 'Vault Backup 22 Server',
  startsAt: '2026-04-01',
  endsAt: '2027-03-31',
  schedule: { leadDays: [60, 14], dayOf: true, expired: false },
  issuedAt: '2026-11-01T09:00:00.000Z',
};

/** A client that logged in once: the portal's keys are cached in its state directory. */
function homeWithCachedKeys(): ClientHome {
  const home = makeHome();
  mkdirSync(home.paths.stateDir, { recursive: true });
  writeFileSync(home.paths.signingKeysFile, JSON.stringify(buildJwks([key.publicKey])));
  return home;
}

function writeFile(home: ClientHome, name: string, content: unknown): string {
  const path = join(home.dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

describe('importing a signed contract file', () => {
  it('verifies it offline and plans its reminders from the signed schedule', async () => {
    const home = homeWithCachedKeys();
    const file = writeFile(home, 'contract.json', signContractFile(payload, key));
    const run = await runCli(home, ['--now', '2026-12-01', 'import', file]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Verified and imported M3482915673 (Vault Backup 22 Server), ending 2027-03-31.');
    expect(run.stdout).toContain('Reminders: 60/14 days before, on the day; next: 60d on 2027-01-30.');

    const list = JSON.parse((await runCli(home, ['--json', '--now', '2026-12-01', 'list'])).stdout) as { contracts: Record<string, unknown>[] };
    expect(list.contracts).toEqual([
      { serialNumber: 'M3482915673', product: 'Vault Backup 22 Server', productSku: 'VB-22-SRV', startsAt: '2026-04-01', endsAt: '2027-03-31', daysLeft: 120, state: 'active', source: 'file', nextAlert: { stage: '60d', dueOn: '2027-01-30' }, status: 0 },
    ]);
    expect(readStateFile(home).contracts[0]!.schedule).toEqual({ leadDays: [60, 14], dayOf: true, expired: false });

    const onTheDay = await runCli(home, ['--now', '2027-03-31', 'check']);
    expect(onTheDay.stdout).toContain('(day-of reminder)');
  });

  it('refuses an altered file, one signed by an unknown key, and anything that is not a contract file', async () => {
    const home = homeWithCachedKeys();
    const signed = signContractFile(payload, key);
    const altered = writeFile(home, 'altered.json', { ...signed, payload: { ...signed.payload, endsAt: '2029-03-31' } });
    const run = await runCli(home, ['import', altered]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${altered}: the signature does not match the payload: the file was altered or not issued by the portal`);

    const foreign = writeFile(home, 'foreign.json', signContractFile(payload, otherKey));
    const unknown = await runCli(home, ['import', foreign]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain(`no Ed25519 signing key "${otherKey.kid}" in the JWKS`);
    expect(unknown.stderr).toContain('run renewal-assistant login again while the portal is reachable');

    const notJson = await runCli(home, ['--json', 'import', writeFile(home, 'notes.txt', 'hello')]);
    expect(JSON.parse(notJson.stdout)).toEqual({ error: { code: 'invalid_file', message: `${join(home.dir, 'notes.txt')}: the file is not JSON`, hint: 'download the contract file again from the portal' } });
    const missing = await runCli(home, ['import', join(home.dir, 'nowhere.json')]);
    expect(missing.stderr).toContain('nowhere.json: no such file');
    expect(readStateFile.bind(null, home)).toThrow();
  });

  it('says how to get the keys when it never logged in', async () => {
    const home = makeHome();
    const run = await runCli(home, ['import', writeFile(home, 'contract.json', signContractFile(payload, key))]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('error: no signing keys cached to verify the file with\n       run renewal-assistant login once while the portal is reachable\n');
  });
});
