import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLicenseFile } from '../../sdk/src/index.js';
import { systemActor } from '../../src/server/modules/auth/actor.js';
import { launchBrowser, startPortal, type RunningPortal } from './harness.js';

/** SPEC §5's six steps in a real browser, as a customer and as the partner on the customer's behalf. */
describe('Get a Key (browser)', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let serials: string[];

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    const order = await portal.container.orders.createOrder(
      { actor: systemActor('test'), ip: null },
      {
        accountId: portal.demo!.accounts.acmeAccountId,
        lines: [
          { productSku: 'VB-23-SRV', quantity: 3, maintenance: { startsAt: '2026-01-01', endsAt: '2027-12-31' } },
          { productSku: 'VB-23-SRV', quantity: 1, maintenance: { startsAt: '2026-01-01', endsAt: '2027-12-31' } },
        ],
      },
    );
    serials = order.certificate.lines.map((l) => l.serialNumber);
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  async function signedIn(email: string, accountName: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${portal.url}/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('portal-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('combobox', { name: 'Account' }).waitFor();
    const switcher = page.getByRole('combobox', { name: 'Account' });
    if (!(await switcher.inputValue()).startsWith(accountName)) {
      await switcher.click();
      await page.getByRole('option', { name: new RegExp(accountName) }).click();
    }
    await page.getByRole('link', { name: 'Get a Key' }).first().click();
    await page.getByLabel('Serial number').waitFor();
    return page;
  }

  async function walkSixSteps(page: Page, serial: string) {
    // step 3: a typo is told as the person types, before any lookup
    const mistyped = serial.slice(0, -1) + String((Number(serial.at(-1)) + 1) % 10);
    await page.getByLabel('Serial number').fill(mistyped);
    await expect.poll(() => page.getByText(/check digit does not match/).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Look up' }).isDisabled()).toBe(true);
    await page.getByLabel('Serial number').fill(serial.toLowerCase().replace(/(\d{4})/, '$1 '));
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByRole('table', { name: 'What this serial number entitles to' }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    // step 4: support registration (prefilled from the account's last one)
    await page.getByRole('textbox', { name: 'Organization', exact: false }).fill('Acme Corp');
    await page.getByRole('textbox', { name: 'Address' }).fill('100 Industrial Way, Springfield');
    await page.getByRole('textbox', { name: 'Country' }).fill('US');
    await page.getByRole('textbox', { name: 'Technical contact name' }).fill('Tom Tech');
    await page.getByRole('textbox', { name: 'Technical contact e-mail' }).fill('tom@acme.test');
    await page.getByRole('textbox', { name: /phone/i }).fill('+1 555 0101');
    await page.getByRole('button', { name: 'Continue' }).click();
    // step 5: confirm
    await page.getByRole('button', { name: 'Get the key' }).click();
    // step 6: the key and the file
    const key = (await page.getByTestId('license-key').first().textContent())!;
    expect(key).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download license file' }).first().click();
    const file = JSON.parse(await readFile((await (await download).path())!, 'utf8'));
    return { key, file };
  }

  it('a customer walks the six steps and downloads a license file that verifies with the JWKS', async () => {
    const page = await signedIn('alice@acme.test', 'Acme Corp');
    const { key, file } = await walkSixSteps(page, serials[0]!);
    const jwks = await (await fetch(`${portal.url}/api/v1/signing-keys`)).json();
    const verified = verifyLicenseFile(file, jwks);
    expect(verified.valid).toBe(true);
    expect(verified.valid && verified.payload.licenseKey).toBe(key);
    expect(verified.valid && verified.payload.quantity).toBe(3);
  });

  it('the partner gets the key on the customer’s behalf, and the delivery is recorded for the customer', async () => {
    const page = await signedIn('pat@partner.test', 'Acme Corp');
    const { file } = await walkSixSteps(page, serials[1]!);
    expect(file.payload.accountId).toBe(portal.demo!.accounts.acmeAccountId);
    const deliveries = await portal.container.store.db.selectFrom('deliveries').selectAll().where('license_id', '=', file.payload.licenseId).execute();
    expect(deliveries).toEqual([expect.objectContaining({ to_address: 'tom@acme.test', partner_account_id: portal.demo!.accounts.partnerAccountId })]);
  });
});
