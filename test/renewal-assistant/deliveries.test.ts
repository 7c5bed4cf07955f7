import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualContract } from '../../src/cli/renewal-assistant/contract-sources.js';
import { emptyState, withContract, writeState } from '../../src/cli/renewal-assistant/state.js';
import { startTestSmtp, type TestSmtp } from '../harness/smtp.js';
import { makeHome, readAlertsLog, runCli, type ClientHome } from './cli.js';

interface Hook {
  url: string;
  received: { headers: IncomingHttpHeaders; body: string }[];
  /** Answer 503 while true. */
  failing: boolean;
  server: Server;
}

async function startWebhookReceiver(): Promise<Hook> {
  const hook = { received: [], failing: false } as unknown as Hook;
  hook.server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hook.received.push({ headers: req.headers, body });
      res.statusCode = hook.failing ? 503 : 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => hook.server.listen(0, '127.0.0.1', resolve));
  hook.url = `http://127.0.0.1:${(hook.server.address() as AddressInfo).port}/renewals`;
  return hook;
}

const SECRET = `whsec_${randomBytes(24).toString('base64')}`;

async function homeWithDueAlert(hook: Hook, smtp: TestSmtp): Promise<ClientHome> {
  const home = makeHome();
  await writeState(home.paths, withContract(emptyState(), manualContract({ serialNumber: 'M3482915673', endsAt: '2027-03-31', alertOn: '2027-03-01' }, '2026-01-01T00:00:00.000Z')));
  const notify = await runCli(home, ['notify', '--webhook', hook.url, '--webhook-secret', SECRET, '--email-to', 'ops@acme.test', '--email-from', 'renewals@acme.test', '--smtp', smtp.url]);
  expect(notify.stdout).toContain(`Webhook: ${hook.url} (signed)`);
  return home;
}

describe('alerts delivered to a webhook and by e-mail', () => {
  let hook: Hook;
  let smtp: TestSmtp;
  beforeAll(async () => {
    hook = await startWebhookReceiver();
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await new Promise((resolve) => hook.server.close(resolve));
    await smtp.close();
  });

  it('posts a signed webhook and sends one e-mail per alert, and nothing more on the next checks', async () => {
    hook.received.length = 0;
    smtp.messages.length = 0;
    const home = await homeWithDueAlert(hook, smtp);
    const first = await runCli(home, ['--now', '2027-03-01', 'check']);
    expect(first.status).toBe(1);
    expect(first.stdout).toContain('ALERT manual Maintenance contract M3482915673 ends on 2027-03-31, in 30 days (manual alert)');

    expect(hook.received).toHaveLength(1);
    const { headers, body } = hook.received[0]!;
    const verified = new Webhook(SECRET).verify(body, headers as Record<string, string>) as { type: string; data: Record<string, string> };
    expect(verified.type).toBe('renewal_assistant.alert');
    expect(verified.data).toMatchObject({ alertId: 'M3482915673/2027-03-31/manual', serialNumber: 'M3482915673', stage: 'manual', endsAt: '2027-03-31' });

    const mails = await smtp.waitFor(1);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Renewal reminder: M3482915673 ends on 2027-03-31');
    expect(mails[0]!.text).toContain('Maintenance contract M3482915673 ends on 2027-03-31, in 30 days');

    for (const day of ['2027-03-01', '2027-03-02', '2027-03-20']) {
      const again = await runCli(home, ['--now', day, 'check']);
      expect(again.status).toBe(1);
      expect(again.stdout).not.toContain('ALERT');
    }
    expect(hook.received).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
    expect(readAlertsLog(home)).toHaveLength(1);
  });

  it('retries a failed webhook on the next check without raising the alert again', async () => {
    hook.received.length = 0;
    smtp.messages.length = 0;
    const home = await homeWithDueAlert(hook, smtp);
    hook.failing = true;
    const first = await runCli(home, ['--json', '--now', '2027-03-01', 'check']);
    expect(first.status).toBe(1);
    expect(first.stderr).toContain(`delivery failed, will retry on the next check: M3482915673/2027-03-31/manual: webhook ${hook.url} answered 503`);
    const report = JSON.parse(first.stdout) as { alerts: { id: string }[]; pendingDeliveries: { alertId: string; pending: string[] }[] };
    expect(report.alerts.map((a) => a.id)).toEqual(['M3482915673/2027-03-31/manual']);
    expect(report.pendingDeliveries).toEqual([{ alertId: 'M3482915673/2027-03-31/manual', pending: ['webhook'], lastError: `webhook ${hook.url} answered 503` }]);

    hook.failing = false;
    const second = await runCli(home, ['--json', '--now', '2027-03-02', 'check']);
    const after = JSON.parse(second.stdout) as { alerts: unknown[]; pendingDeliveries: unknown[] };
    expect(after.alerts).toEqual([]);
    expect(after.pendingDeliveries).toEqual([]);
    expect(hook.received).toHaveLength(2);
    // The same webhook-id both times: a receiver that saw the first attempt can tell the retry.
    expect(hook.received[1]!.headers['webhook-id']).toBe(hook.received[0]!.headers['webhook-id']);
    expect(smtp.messages).toHaveLength(1);
    expect(readAlertsLog(home)).toHaveLength(1);
  });

  it('sends a test alert on request, and stops a channel when told', async () => {
    hook.received.length = 0;
    smtp.messages.length = 0;
    const home = await homeWithDueAlert(hook, smtp);
    const test = await runCli(home, ['notify', '--test']);
    expect(test.status).toBe(0);
    expect(hook.received).toHaveLength(1);
    expect(await smtp.waitFor(1)).toHaveLength(1);

    const off = await runCli(home, ['--json', 'notify', '--no-webhook', '--no-email-to']);
    expect(JSON.parse(off.stdout)).toEqual({ webhook: null, email: null });
    const bad = await runCli(home, ['notify', '--webhook', 'ftp://example.com']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--webhook: "ftp://example.com" is not an http(s) address');
  });
});
