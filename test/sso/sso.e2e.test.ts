import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { prepare } from '../../src/server/boot.js';
import { loadConfig } from '../../src/server/config.js';
import { createContainer } from '../../src/server/container.js';
import type { DemoSummary } from '../../src/server/demo/demo-data.js';
import { totpCode } from '../../src/server/modules/two-factor/totp.js';
import { ensureWebBuild, launchBrowser } from '../e2e/harness.js';
import { DnsTestServer } from './dns-test-server.js';
import { OidcTestProvider } from './oidc-test-provider.js';

const WEB_ROOT = join(import.meta.dirname, '..', '..', 'web', 'dist');

/** A port nobody listens on now: the portal's public URL (and so its redirect URI) must name it before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * In Chromium: Acme's admin configures single sign-on in the portal's pages (provider, domain
 * proven by a DNS record), turns on two-step verification for herself, and a new colleague signs in
 * through the provider's own pages and joins Acme just in time.
 */
describe('single sign-on and two-step verification (browser)', () => {
  let provider: OidcTestProvider;
  let dns: DnsTestServer;
  let browser: Browser;
  let url: string;
  let demo: DemoSummary;
  let close: () => Promise<void>;
  let aliceKey: string;

  beforeAll(async () => {
    ensureWebBuild();
    provider = await OidcTestProvider.start();
    dns = await DnsTestServer.start();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'lp-sso-e2e-'));
    const config = loadConfig({
      DATABASE_URL: `sqlite:${join(dataDir, 'portal.db')}`,
      DATA_DIR: dataDir,
      PORT: String(port),
      PUBLIC_URL: url,
      PORTAL_DEMO: '1',
      PORTAL_PASSWORD_HASH_COST: 'test',
      LOG_LEVEL: 'silent',
      DNS_SERVERS: dns.address,
    });
    const container = createContainer(config);
    demo = (await prepare(container)).demo!;
    const app = await buildApp(container, { webRoot: WEB_ROOT });
    await app.listen({ port, host: '127.0.0.1' });
    close = async () => {
      await app.close();
      await container.close();
    };
    provider.addClient('acme-portal', 'acme-client-secret', `${url}/api/v1/auth/sso/callback`);
    provider.addUser({
      sub: 'acme-idp-77',
      email: 'new.hire@acme.test',
      password: 'idp-password',
      name: 'New Hire',
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await close?.();
    await provider?.close();
    await dns?.close();
  });

  async function newPage(): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(10_000);
    return page;
  }

  async function signInWithPassword(page: Page, email: string): Promise<void> {
    await page.goto(`${url}/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('portal-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it("Acme's admin configures the identity provider and proves the domain", async () => {
    const page = await newPage();
    await signInWithPassword(page, 'alice@acme.test');
    const acme = demo.accounts.acmeAccountId;
    await page.waitForURL(`${url}/a/${acme}/get-a-key`);
    await page.getByRole('link', { name: 'Sign-in', exact: true }).click();
    await page.waitForURL(`${url}/a/${acme}/settings/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'Sign-in' }).waitFor();

    await page.getByLabel('Issuer').fill(provider.issuer);
    await page.getByLabel('Client ID').fill('acme-portal');
    await page.getByLabel('Client secret').fill('acme-client-secret');
    await page.getByLabel('New people join as').selectOption('member');
    await page.getByRole('button', { name: 'Save identity provider' }).click();
    await page.getByText('Saved. The provider answered at its discovery address.').waitFor();

    await page.getByRole('textbox', { name: 'Domain', exact: true }).fill('acme.test');
    await page.getByRole('button', { name: 'Add domain' }).click();
    const domains = page.getByRole('table', { name: 'E-mail domains' });
    await domains.getByText('Waiting for DNS').waitFor();
    // The admin publishes the record the page shows, in the domain's DNS.
    const value = (await domains.getByText(/^licensing-portal-verification=/).textContent())!;
    dns.txt.set('_licensing-portal.acme.test', [value]);
    await domains.getByRole('button', { name: 'Check DNS' }).click();
    await domains.getByText('Verified').waitFor();
    await page.context().close();
  });

  it('she turns on two-step verification, and her next sign-in asks for the code', async () => {
    const page = await newPage();
    await signInWithPassword(page, 'alice@acme.test');
    await page.waitForURL(/\/a\//);
    await page.getByRole('link', { name: 'Security', exact: true }).first().click();
    await page.waitForURL(`${url}/security`);
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    aliceKey = (await page.getByLabel('Authenticator key').textContent())!.replace(/\s/g, '');
    await page.getByLabel('Code from your app').fill(totpCode(aliceKey, new Date()));
    await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
    expect((await page.getByLabel('Recovery codes').textContent())!.split('\n').filter(Boolean)).toHaveLength(
      10,
    );
    await page.getByRole('button', { name: 'I have stored them, continue' }).click();
    await page.getByText(/10 recovery codes\s+left/).waitFor();
    await page
      .getByRole('table', { name: 'Your security log' })
      .getByText('Two-step verification turned on')
      .waitFor();

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await signInWithPassword(page, 'alice@acme.test');
    await page.getByRole('heading', { level: 1, name: 'Two-step verification' }).waitFor();
    // The code of the step after the one used to enrol: a code is never taken twice.
    await page.getByLabel('Authentication code').fill(totpCode(aliceKey, new Date(Date.now() + 30_000)));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(`${url}/a/${demo.accounts.acmeAccountId}/get-a-key`);
    await page.context().close();
  });

  it("a new colleague signs in through the provider's own page and joins Acme as a member", async () => {
    const page = await newPage();
    await page.goto(`${url}/sign-in`);
    await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
    await page.getByLabel('Work e-mail').fill('new.hire@acme.test');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL(`${provider.issuer}/authorize?**`);
    await page.getByRole('heading', { name: 'Test Identity Provider' }).waitFor();
    expect(await page.getByLabel('Work e-mail').inputValue()).toBe('new.hire@acme.test');
    await page.getByLabel('Password').fill('idp-password');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL(`${url}/a/${demo.accounts.acmeAccountId}/get-a-key`);
    await page.getByRole('heading', { level: 1, name: 'Get a Key' }).waitFor();
    await page.goto(`${url}/security`);
    await page.getByRole('table', { name: 'Your sessions' }).getByText('Single sign-on').waitFor();
    const me = (await page.evaluate(async () => (await fetch('/api/v1/me')).json())) as {
      user: { email: string };
      accounts: unknown[];
    };
    expect(me.user.email).toBe('new.hire@acme.test');
    expect(me.accounts).toEqual([expect.objectContaining({ name: 'Acme Corp', role: 'member' })]);
    await page.context().close();
  });

  it('a sign-in the provider refuses comes back with a clear message', async () => {
    const page = await newPage();
    provider.misbehave = { audience: 'someone-else' };
    await page.goto(`${url}/sign-in/sso`);
    await page.getByLabel('Work e-mail').fill('new.hire@acme.test');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${provider.issuer}/authorize?**`);
    await page.getByLabel('Password').fill('idp-password');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${url}/sign-in/sso?error=id_token_invalid`);
    await page.getByRole('alert').getByText('could not be trusted').waitFor();
    await page.context().close();
  });
});
