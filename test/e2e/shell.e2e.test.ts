import { createHmac } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startPortal, type RunningPortal } from './harness.js';

const PASSWORD = 'portal-demo';
const AREAS = [
  'Get a Key',
  'Version Upgrade',
  'Manage My Licenses',
  'Enterprise Flexible',
  'Voucher Center',
  'FileConnect',
  'Maintenance & Renewals',
];

/** What an authenticator app shows now for a base32 key (RFC 6238: SHA-1, 30 s, 6 digits). */
function authenticatorCode(base32Key: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of base32Key.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

describe('web shell (browser)', () => {
  let portal: RunningPortal;
  let browser: Browser;

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  async function openPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    return context.newPage();
  }

  async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('a partner signs in, acts for its customer, sees the seven areas and signs out', async () => {
    const page = await openPage();
    await page.goto(`${portal.url}/`);
    await page.waitForURL(/\/sign-in/);
    await signIn(page, 'pat@partner.test');

    const partnerId = portal.demo!.accounts.partnerAccountId;
    await page.waitForURL(`${portal.url}/a/${partnerId}/get-a-key`);
    await page.getByRole('heading', { level: 1, name: 'Get a Key' }).waitFor();

    const switcher = page.getByRole('combobox', { name: 'Account' });
    await expect.poll(() => switcher.inputValue()).toBe('Channel Partner Ltd');
    await switcher.click();
    const acmeOption = page.getByRole('option', { name: /Acme Corp/ });
    expect(await acmeOption.textContent()).toContain('on behalf of');
    await acmeOption.click();

    const acmeId = portal.demo!.accounts.acmeAccountId;
    await page.waitForURL(`${portal.url}/a/${acmeId}/get-a-key`);
    await expect.poll(() => switcher.inputValue()).toBe('Acme Corp');
    await page.getByRole('banner').getByText('on behalf of').waitFor();

    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    for (const area of AREAS) {
      expect(await nav.getByRole('link', { name: area, exact: true }).isVisible(), area).toBe(true);
    }
    expect(await nav.getByRole('link', { name: 'Accounts', exact: true }).count()).toBe(0);

    await nav.getByRole('link', { name: 'Manage My Licenses' }).click();
    await page.waitForURL(`${portal.url}/a/${acmeId}/licenses`);
    await page.getByRole('heading', { level: 1, name: 'Manage My Licenses' }).waitFor();
    await page.getByRole('table', { name: 'Licenses' }).waitFor(); // acting for Acme, the partner sees Acme's licenses

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${portal.url}/sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    // The session is gone on the server too: an account page leads back to signing in.
    await page.goto(`${portal.url}/a/${acmeId}/licenses`);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.context().close();
  });

  it('a vendor admin enrols the required second factor, then lands on the admin area', async () => {
    const page = await openPage();
    await page.goto(`${portal.url}/sign-in`);
    await signIn(page, 'admin@vendor.test');

    // The vendor admin role always requires a second factor: the session may only enrol one.
    await page.getByRole('heading', { level: 1, name: 'Set up two-step verification' }).waitFor();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const key = (await page.getByLabel('Authenticator key').textContent())!.replace(/\s/g, '');
    await page.getByLabel('Code from your app').fill(authenticatorCode(key));
    await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
    const recoveryCodes = (await page.getByLabel('Recovery codes').textContent())!.split('\n').filter(Boolean);
    expect(recoveryCodes.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'I have stored them, continue' }).click();

    await page.waitForURL(`${portal.url}/admin/accounts`);
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    for (const item of ['Accounts', 'Users', 'Audit log', 'Outbox']) {
      expect(await nav.getByRole('link', { name: item, exact: true }).isVisible(), item).toBe(true);
    }
    await page.getByRole('table', { name: 'Accounts' }).getByRole('link', { name: 'Acme Corp' }).waitFor();
    await nav.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByRole('table', { name: 'Audit log entries' }).waitFor();

    // Signing in again asks for the second step; a recovery code stands in for the app's code.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${portal.url}/sign-in`);
    await signIn(page, 'admin@vendor.test');
    await page.getByRole('heading', { level: 1, name: 'Two-step verification' }).waitFor();
    await page.getByLabel('Authentication code').fill(recoveryCodes[0]!);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(`${portal.url}/admin/accounts`);
    await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
    await page.context().close();
  });

  it('tells a wrong password on the sign-in page', async () => {
    const page = await openPage();
    await page.goto(`${portal.url}/sign-in`);
    await signIn(page, 'alice@acme.test', 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('not correct');
    expect(page.url()).toBe(`${portal.url}/sign-in`);
    await page.context().close();
  });
});
