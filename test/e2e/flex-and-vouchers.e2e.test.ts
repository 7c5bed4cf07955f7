import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startPortal, type RunningPortal } from './harness.js';

describe('Enterprise Flexible and Voucher Center (browser)', () => {
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

  async function signedIn(email: string, path: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${portal.url}/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('portal-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/a\//);
    await page.goto(`${portal.url}${path}`);
    return page;
  }

  it('Alice draws down node-locked licenses, sees the pool go down, returns a unit and downloads the usage', async () => {
    const acme = portal.demo!.accounts.acmeAccountId;
    const page = await signedIn('alice@acme.test', `/a/${acme}/enterprise-flexible`);
    await page.getByRole('heading', { level: 1, name: 'Enterprise Flexible' }).waitFor();
    const agentPool = page.getByTestId('pool-VB-23-AGT').getByTestId('pool-remaining');
    await expect.poll(() => agentPool.textContent()).toBe('8 of 10 sockets left');

    const form = page.getByRole('form', { name: 'Draw down a license' });
    await form.getByRole('combobox', { name: 'Product' }).click();
    await page.getByRole('option', { name: /Vault Backup Agent/ }).click();
    await form.getByLabel('Quantity').fill('2');
    await form.getByLabel('Host ID').fill('ACME-WEB-09');
    await form.getByRole('button', { name: 'Draw down' }).click();

    const key = await form.getByTestId('drawn-license-key').textContent();
    expect(key).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    await expect.poll(() => agentPool.textContent()).toBe('6 of 10 sockets left');
    const license = await portal.container.store.db
      .selectFrom('licenses')
      .selectAll()
      .where('license_key', '=', key!)
      .executeTakeFirstOrThrow();
    expect(license).toMatchObject({
      account_id: acme,
      quantity: 2,
      host_id: 'ACME-WEB-09',
      source: 'draw_down',
      status: 'active',
    });

    await page.getByRole('button', { name: `Return units of ${key}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Units to return').fill('1');
    await dialog.getByRole('button', { name: 'Return and retire' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => agentPool.textContent()).toBe('7 of 10 sockets left');
    const retired = await portal.container.store.db
      .selectFrom('licenses')
      .select('status')
      .where('id', '=', license.id)
      .executeTakeFirstOrThrow();
    expect(retired.status).toBe('retired');

    const csvLink = page.getByRole('link', { name: 'Download usage as CSV' });
    const csv = await page.request.get(`${portal.url}${await csvLink.getAttribute('href')}`);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect(await csv.text()).toMatch(/VB-23-AGT,Vault Backup Agent,5,2,3/);
  });

  it('Olga is told a typo as she types, then redeems a voucher for a new end customer and sees the conversion', async () => {
    const oem = portal.demo!.accounts.oemAccountId;
    const { db } = portal.container.store;
    const voucher = await db
      .selectFrom('vouchers')
      .select(['id', 'code'])
      .where('oem_account_id', '=', oem)
      .where('state', '=', 'available')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const page = await signedIn('olga@oem.test', `/a/${oem}/vouchers`);
    await page.getByRole('heading', { level: 1, name: 'Voucher Center' }).waitFor();

    const form = page.getByRole('form', { name: 'Redeem a voucher' });
    const code = form.getByLabel('Voucher code');
    const last = voucher.code.at(-1)!;
    await code.fill(voucher.code.slice(0, -1) + (last === '0' ? '1' : '0'));
    await form.getByText(/check character/i).waitFor();

    await code.fill(voucher.code.toLowerCase().replaceAll('-', ' '));
    await form.getByText(`Reads as ${voucher.code}`).waitFor();
    await form.getByLabel('Organization').fill('Corner Shop Ltd');
    await form.getByLabel('Contact name').fill('Cora Corner');
    await form.getByLabel('Contact e-mail').fill('cora@corner.test');
    await form.getByRole('button', { name: 'Redeem' }).click();

    const key = await form.getByTestId('redeemed-license-key').textContent();
    const license = await db
      .selectFrom('licenses')
      .select(['account_id', 'source', 'source_ref'])
      .where('license_key', '=', key!)
      .executeTakeFirstOrThrow();
    expect(license).toMatchObject({ source: 'voucher', source_ref: voucher.id });
    const endCustomer = await db
      .selectFrom('accounts')
      .select(['name', 'kind'])
      .where('id', '=', license.account_id)
      .executeTakeFirstOrThrow();
    expect(endCustomer).toEqual({ name: 'Corner Shop Ltd', kind: 'customer' });

    const history = page.getByRole('table', { name: 'Conversion history' });
    await history.getByRole('row', { name: /Corner Shop Ltd/ }).waitFor();
    expect(await history.getByRole('row', { name: /Corner Shop Ltd/ }).textContent()).toContain(key!);
    const batches = page.getByRole('table', { name: 'Voucher batches' });
    // Made, product, then vouchers, available, redeemed, expired, void.
    await expect
      .poll(async () =>
        (await batches.getByRole('row').nth(1).getByRole('cell').allTextContents()).slice(2, 7),
      )
      .toEqual(['12', '10', '2', '0', '0']);
  });
});
