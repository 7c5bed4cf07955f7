import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startPortal, type RunningPortal } from './harness.js';

/** SPEC §6 in the browser: log in → Version Upgrade → notification ID → product → quantity → registration → keys. */
describe('Version Upgrade (browser)', () => {
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

  /** The notification ID as Alice received it: from the demo campaign's e-mail to her. */
  async function notificationIdFromMail(): Promise<string> {
    const mail = await portal.container.outbox.list({ limit: 100, to: 'alice@acme.test' });
    const notice = mail.items.find((m) => m.kind === 'upgrade-notification');
    const id = /Notification ID: (N\d{10})/.exec(notice?.text ?? '')?.[1];
    if (!id) throw new Error('the demo sent Alice no upgrade notification');
    return id;
  }

  it('Alice walks the seven steps and receives keys for version 23', async () => {
    const acme = portal.demo!.accounts.acmeAccountId;
    const notificationId = await notificationIdFromMail();
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();

    // 1. log in
    await page.goto(`${portal.url}/sign-in`);
    await page.getByLabel('Email').fill('alice@acme.test');
    await page.getByLabel('Password').fill('portal-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/a\//);

    // 2. Version Upgrade
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Version Upgrade', exact: true }).click();
    await page.waitForURL(`${portal.url}/a/${acme}/version-upgrade`);
    await page.getByRole('heading', { level: 1, name: 'Version Upgrade' }).waitFor();
    // "I do not have a notification ID": the open notification is listed too.
    await page.getByRole('article', { name: `Notification ${notificationId}` }).waitFor();

    // 3. enter the notification ID (typed loosely: case and spaces do not matter)
    await page.getByRole('textbox', { name: 'Notification ID' }).fill(`${notificationId.slice(0, 4).toLowerCase()} ${notificationId.slice(4)}`);
    await page.getByRole('button', { name: 'Look up' }).click();

    // 4. select the product to upgrade
    const product = page.getByRole('radio', { name: 'Vault Backup 22 Server (VB-22-SRV)' });
    await product.check();
    expect(await product.isChecked()).toBe(true);
    await page.getByText('upgrades to Vault Backup 23 Server').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();

    // 5. select the quantity, with the eligible number shown
    const eligible = page.getByText(/^Eligible:/);
    await expect.poll(() => eligible.textContent()).toBe('Eligible: 3 servers of Vault Backup 22 Server can be upgraded to Vault Backup 23 Server.');
    await page.getByLabel('Quantity to upgrade').fill('4');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('At most 3 can be upgraded under this notification.').waitFor();
    await page.getByLabel('Quantity to upgrade').fill('2');
    await page.getByRole('button', { name: 'Next' }).click();

    // 6. edit the existing support registration (prefilled from Acme's registration)
    expect(await page.getByLabel('Organization').inputValue()).toBe('Acme Corp');
    expect(await page.getByLabel('Technical contact e-mail').inputValue()).toBe('alice@acme.test');
    await page.getByLabel('Technical contact e-mail').fill('ops@acme.test');
    await page.getByLabel('Technical contact name').fill('Acme Operations');
    await page.getByRole('button', { name: 'Upgrade and receive keys' }).click();

    // 7. receive the key
    await page.getByText('The keys and license files were e-mailed to ops@acme.test.').waitFor();
    const key = (await page.getByTestId('license-key').textContent())!;
    expect(key).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    const { db } = portal.container.store;
    const license = await db.selectFrom('licenses').innerJoin('products', 'products.id', 'licenses.product_id').select(['products.sku', 'licenses.quantity', 'licenses.source', 'licenses.status', 'licenses.account_id', 'licenses.replaces_license_id', 'licenses.id']).where('license_key', '=', key).executeTakeFirstOrThrow();
    expect(license).toMatchObject({ sku: 'VB-23-SRV', quantity: 2, source: 'upgrade', status: 'active', account_id: acme, replaces_license_id: expect.any(String) });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download license file' }).click()]);
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(file.payload).toMatchObject({ licenseId: license.id, licenseKey: key, productSku: 'VB-23-SRV', version: '23', quantity: 2 });
    const mail = await portal.container.outbox.list({ limit: 10, to: 'ops@acme.test' });
    expect(mail.items.some((m) => m.kind === 'license-key' && m.text.includes(key))).toBe(true);

    // The notification now has one unit left: the next round starts from the new registration.
    await page.getByRole('button', { name: 'Upgrade more' }).click();
    await page.getByRole('article', { name: `Notification ${notificationId}` }).getByText('1 server left of 3').waitFor();
  });
});
