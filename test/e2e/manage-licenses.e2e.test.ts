import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signedInPage, useBrowserAndPortal } from './harness.js';

/**
 * Manage My Licenses (SPEC §7) in a real browser, as Acme's admin: a field of the account's own,
 * a filter by a custom value, a value edited in place, a share with a user of another account
 * (who then sees the license marked as shared) and the CSV export of the filtered list.
 */
describe('Manage My Licenses (browser)', () => {
  const running = useBrowserAndPortal();

  async function openLicenses(email: string, accountName: string): Promise<Page> {
    const page = await signedInPage(running, email);
    const switcher = page.getByRole('combobox', { name: 'Account' });
    await switcher.waitFor();
    await expect.poll(() => switcher.inputValue()).not.toBe('');
    if (!(await switcher.inputValue()).startsWith(accountName)) {
      await switcher.click();
      await page.getByRole('option', { name: new RegExp(accountName) }).click();
    }
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Manage My Licenses' }).click();
    await page.getByRole('heading', { level: 1, name: 'Manage My Licenses' }).waitFor();
    await page.getByRole('table', { name: 'Licenses' }).waitFor();
    return page;
  }

  /** The license keys the table shows, top to bottom (each key opens its license). */
  async function shownKeys(page: Page): Promise<string[]> {
    const labels = await page.getByRole('table', { name: 'Licenses' }).getByRole('button', { name: /^Open / }).evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
    return labels.map((label) => label!.replace(/^Open /, ''));
  }

  function rowOf(page: Page, key: string) {
    return page.getByRole('table', { name: 'Licenses' }).getByRole('row').filter({ hasText: key });
  }

  it('an account admin defines a field, filters by custom values, edits one in place, shares a license and exports the list', async () => {
    const page = await openLicenses('alice@acme.test', 'Acme Corp');
    const allKeys = await shownKeys(page);
    expect(allKeys.length).toBeGreaterThan(3);

    // A field of the account's own: it becomes a column and a filter.
    await page.getByRole('button', { name: 'New field' }).click();
    const fieldForm = page.getByRole('form', { name: 'New custom field' });
    await fieldForm.getByRole('textbox', { name: 'Name' }).fill('asset_tag');
    await fieldForm.getByRole('textbox', { name: 'Label' }).fill('Asset tag');
    await fieldForm.getByRole('button', { name: 'Create field' }).click();
    await page.getByRole('columnheader', { name: 'Asset tag' }).waitFor();
    await page.getByRole('textbox', { name: 'Asset tag', exact: true }).waitFor();

    // Filter by a value of the demo's choice field: only Finance's licenses remain.
    await page.getByRole('combobox', { name: 'Department' }).click();
    await page.getByRole('option', { name: 'Finance', exact: true }).click();
    await page.waitForURL(/field\.department=Finance/);
    await expect.poll(async () => (await shownKeys(page)).length).toBeLessThan(allKeys.length);
    const financeKeys = await shownKeys(page);
    expect(financeKeys.length).toBeGreaterThan(0);
    for (const key of financeKeys) expect(await rowOf(page, key).textContent()).toContain('Finance');
    await expect.poll(() => page.getByTestId('license-total').textContent()).toBe(`${financeKeys.length} ${financeKeys.length === 1 ? 'license' : 'licenses'} in this list`);

    // Edit a value in place: Enter saves, the cell shows the value, the history records it once.
    const key = financeKeys[0]!;
    await page.getByRole('button', { name: `Edit Asset tag of ${key}` }).click();
    const cell = page.getByRole('textbox', { name: `Asset tag of ${key}` });
    await cell.fill('AT-0042');
    await cell.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: `Edit Asset tag of ${key}` }).textContent()).toBe('AT-0042');

    // Export the filtered list: the file holds exactly the rows shown, the new field as a column.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const rows: Record<string, string>[] = parse(await readFile((await file.path())!, 'utf8'), { columns: true, skip_empty_lines: true });
    expect(rows.map((r) => r.licenseKey).sort()).toEqual([...financeKeys].sort());
    expect(rows.every((r) => r.department === 'Finance')).toBe(true);
    expect(rows.find((r) => r.licenseKey === key)?.asset_tag).toBe('AT-0042');
    expect(rows.filter((r) => r.licenseKey !== key).map((r) => r.asset_tag)).toEqual(financeKeys.slice(1).map(() => ''));

    // Filter by the value just set: that one license.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('textbox', { name: 'Asset tag', exact: true }).fill('AT-0042');
    await page.waitForURL(/field\.asset_tag=AT-0042/);
    await expect.poll(() => shownKeys(page)).toEqual([key]);
    await expect.poll(() => page.getByTestId('license-total').textContent()).toBe('1 license in this list');

    // Share it with a user of another account, to view; its history says so.
    await page.getByRole('button', { name: `Open ${key}` }).click();
    const drawer = page.getByRole('dialog', { name: `License ${key}` });
    await expect.poll(() => drawer.getByRole('textbox', { name: 'Asset tag' }).inputValue()).toBe('AT-0042');
    const shareForm = drawer.getByRole('form', { name: 'Share this license' });
    await shareForm.getByRole('textbox', { name: 'E-mail of a user of another account' }).fill('olga@oem.test');
    await shareForm.getByRole('button', { name: 'Share' }).click();
    const shares = drawer.getByRole('table', { name: 'Shares' });
    await shares.getByText('olga@oem.test').waitFor();
    expect(await shares.getByRole('row').filter({ hasText: 'olga@oem.test' }).textContent()).toContain('view');
    const history = drawer.getByLabel('History', { exact: true });
    await history.getByText('Shared', { exact: true }).waitFor();
    expect(await history.getByText('Custom fields set').count()).toBe(2); // the demo's values, then the one edit
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // The recipient finds it in their own list, marked as shared, with its owner's values to read only.
    const olga = await openLicenses('olga@oem.test', 'OEM Systems');
    await expect.poll(() => shownKeys(olga)).toContain(key);
    expect(await rowOf(olga, key).getByText('Shared', { exact: true }).isVisible()).toBe(true);
    await olga.getByText('Shared with me', { exact: true }).click();
    await olga.waitForURL(/shared=true/);
    await expect.poll(async () => (await shownKeys(olga)).includes(key)).toBe(true);
    await olga.getByRole('button', { name: `Open ${key}` }).click();
    const seen = olga.getByRole('dialog', { name: `License ${key}` });
    await seen.getByText('Shared by Acme Corp (view)').waitFor();
    const value = seen.getByRole('textbox', { name: 'asset_tag' });
    expect(await value.inputValue()).toBe('AT-0042');
    expect(await value.isDisabled()).toBe(true);
    expect(await seen.getByRole('button', { name: 'Save values' }).count()).toBe(0);
    expect(await seen.getByRole('form', { name: 'Share this license' }).count()).toBe(0);

    // Revoked, the share grants nothing: the license leaves the recipient's list.
    await page.getByRole('button', { name: `Open ${key}` }).click();
    await drawer.getByRole('button', { name: 'Revoke the share with olga@oem.test' }).click();
    await page.getByRole('dialog', { name: 'Revoke this share?' }).getByRole('button', { name: 'Revoke' }).click();
    await drawer.getByText('Not shared with anyone.').waitFor();
    await drawer.getByLabel('History', { exact: true }).getByText('Share revoked', { exact: true }).waitFor();
    await olga.reload();
    await olga.getByRole('table', { name: 'Licenses' }).or(olga.getByText('No license matches these filters')).waitFor();
    expect(await shownKeys(olga)).not.toContain(key);
    await olga.context().close();
    await page.context().close();
  }, 120_000);

  it('an account admin chooses columns, saves a view, sets a value on a selection and re-hosts a license', async () => {
    const page = await openLicenses('alice@acme.test', 'Acme Corp');

    // The column chooser works from the keyboard.
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Maintenance' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('checkbox', { name: 'Serial number' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Escape');
    await page.getByRole('columnheader', { name: 'Serial number' }).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Maintenance' }).count()).toBe(0);

    // A view: one product, these columns; cleared, then applied again in one click.
    await page.getByRole('combobox', { name: 'Product' }).click();
    await page.getByRole('option', { name: /^VB-23-AGT/ }).click();
    await page.waitForURL(/product=VB-23-AGT/);
    await page.getByRole('button', { name: 'Saved views' }).click();
    await page.getByRole('menuitem', { name: 'Save this view…' }).click();
    await page.getByRole('dialog', { name: 'Save this view' }).getByRole('textbox', { name: 'Name' }).fill('Agents');
    await page.getByRole('dialog', { name: 'Save this view' }).getByRole('button', { name: 'Save' }).click();
    await page.getByRole('dialog', { name: 'Save this view' }).waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Maintenance' }).check();
    await page.keyboard.press('Escape');
    await page.getByRole('columnheader', { name: 'Maintenance' }).waitFor();
    await page.getByRole('button', { name: 'Saved views' }).click();
    await page.getByRole('menuitem', { name: 'Agents' }).click();
    await page.waitForURL(/product=VB-23-AGT/);
    await page.getByRole('columnheader', { name: 'Maintenance' }).waitFor({ state: 'detached' });
    await expect.poll(async () => (await page.getByRole('table', { name: 'Licenses' }).getByRole('row').allTextContents()).slice(1).every((row) => row.includes('Vault Backup Agent'))).toBe(true);
    const agentKeys = await shownKeys(page);
    expect(agentKeys.length).toBeGreaterThan(1);

    // Bulk edit: one value on the whole selection.
    await page.getByRole('checkbox', { name: 'Select all shown licenses' }).check();
    await page.getByRole('region', { name: 'Selection' }).getByText(`${agentKeys.length} selected`).waitFor();
    await page.getByRole('button', { name: 'Set a custom value…' }).click();
    const bulk = page.getByRole('form', { name: 'Set a custom value on the selection' });
    await bulk.getByRole('combobox', { name: 'Field' }).click();
    await page.getByRole('option', { name: 'Department' }).click();
    await bulk.getByRole('combobox', { name: 'Value' }).click();
    await page.getByRole('option', { name: 'Engineering' }).click();
    await bulk.getByRole('button', { name: 'Apply to selection' }).click();
    await bulk.waitFor({ state: 'detached' });
    for (const key of agentKeys) await expect.poll(() => rowOf(page, key).textContent()).toContain('Engineering');

    // Re-host a node-locked license: a new license for the new host replaces it.
    const onHost = rowOf(page, 'ACME-DB-01');
    expect(await onHost.count(), 'the demo holds an agent license on host ACME-DB-01').toBe(1);
    const oldKey = (await onHost.getByRole('button', { name: /^Open / }).getAttribute('aria-label'))!.replace(/^Open /, '');
    await onHost.getByRole('button', { name: /^Open / }).click();
    const drawer = page.getByRole('dialog', { name: `License ${oldKey}` });
    await drawer.getByRole('textbox', { name: 'New host ID' }).fill('ACME-DB-02');
    await drawer.getByRole('button', { name: 'Re-host' }).click();
    const newKey = await drawer.getByTestId('rehosted-license-key').textContent();
    expect(newKey).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    await drawer.getByText('revoked', { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => rowOf(page, newKey!).textContent()).toContain('ACME-DB-02');
    await page.context().close();
  }, 120_000);
});
