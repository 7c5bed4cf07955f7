import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startPortal, type RunningPortal } from '../e2e/harness.js';

describe('Maintenance & Renewals (browser)', () => {
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    portal = await startPortal();
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
    await page.goto(`${portal.url}/sign-in`);
    await page.getByLabel('Email').fill('alice@acme.test');
    await page.getByLabel('Password').fill('portal-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/a\//);
    await page.goto(`${portal.url}/a/${portal.demo!.accounts.acmeAccountId}/maintenance`);
    await page.getByRole('heading', { level: 1, name: 'Maintenance & Renewals' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  it("shows Acme's contracts with days left, the expiry timeline, and downloads a signed contract file", async () => {
    const table = page.getByRole('table', { name: 'Maintenance contracts, soonest end first' });
    const first = table.getByRole('row').nth(1);
    await expect.poll(() => first.textContent()).toMatch(/45 days left.*Expiring/);
    await expect.poll(() => page.getByRole('img', { name: /contracts end in the next twelve months/ }).count()).toBe(1);
    const serial = (await first.getByRole('cell').first().textContent())!;
    const [download] = await Promise.all([page.waitForEvent('download'), first.getByRole('link', { name: `Download the signed contract file of ${serial}` }).click()]);
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(file).toMatchObject({ format: 'lp-contract-1', payload: { serialNumber: serial, schedule: { leadDays: [90, 60, 30] } } });
  });

  it('lists the unread reminder alert and marks it read', async () => {
    await page.getByRole('tab', { name: /Alerts/ }).click();
    const alerts = page.getByRole('list', { name: 'Alerts' });
    await expect.poll(() => alerts.textContent()).toMatch(/ends in 45 days/);
    await page.getByRole('button', { name: /^Mark “Maintenance for .* as read$/ }).click();
    await expect.poll(() => page.getByText('All alerts are read.').count()).toBe(1);
  });

  it('shows the delivery log of the reminder', async () => {
    await page.getByRole('tab', { name: 'Reminders' }).click();
    const entry = page.getByRole('article').first();
    await expect.poll(() => entry.textContent()).toMatch(/60 days before/);
    expect(await entry.textContent()).toContain('alice@acme.test');
    expect(await entry.textContent()).toContain('In-app alert');
  });

  it('changes the schedule, sends a test reminder, and gives a calendar address that answers without a session', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Reminder settings' });
    await form.getByLabel('Days before the end date').fill('14');
    await form.getByLabel('Days before the end date').press('Enter');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toMatch(/^Saved/);
    const saved = await portal.container.store.db.selectFrom('reminder_settings').selectAll().where('account_id', '=', portal.demo!.accounts.acmeAccountId).executeTakeFirstOrThrow();
    expect(JSON.parse(saved.lead_days)).toEqual([90, 60, 30, 14]);

    await form.getByRole('button', { name: 'Send a test reminder' }).click();
    await expect.poll(() => form.getByRole('status').last().textContent()).toMatch(/^Test reminder about M\d{10} queued to .*alice@acme\.test/);

    const url = await page.getByLabel('Calendar feed address').inputValue();
    expect(url).toMatch(/\/calendar\.ics\?token=/);
    // PUBLIC_URL of the test portal names no real port: ask the listening one for the same path.
    const { pathname, search } = new URL(url);
    const feed = await fetch(`${portal.url}${pathname}${search}`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toMatch(/^BEGIN:VCALENDAR/);
  });
});
