import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { Readable } from 'node:stream';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/server/modules/auth/actor.js';
import { buildApp } from '../../src/server/app.js';
import { prepare } from '../../src/server/boot.js';
import { loadConfig } from '../../src/server/config.js';
import { createContainer, type Container } from '../../src/server/container.js';
import { ensureWebBuild, launchBrowser } from '../e2e/harness.js';
import { holdings } from './fixtures.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

describe('FileConnect page (browser)', () => {
  let portal: { url: string; container: Container; close(): Promise<void> };
  let browser: Browser;
  const bytes = randomBytes(200_000);
  const sha256 = createHash('sha256').update(bytes).digest('hex');

  beforeAll(async () => {
    // Download links are absolute (PUBLIC_URL): the portal listens on a port known beforehand.
    ensureWebBuild();
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'lp-fileconnect-'));
    const config = loadConfig({ DATABASE_URL: `sqlite:${join(dataDir, 'portal.db')}`, DATA_DIR: dataDir, PUBLIC_URL: `http://127.0.0.1:${port}`, PORTAL_DEMO: '1', PORTAL_PASSWORD_HASH_COST: 'test', LOG_LEVEL: 'silent' });
    const container = createContainer(config, { mailer: null });
    const prepared = await prepare(container);
    const app = await buildApp(container, { webRoot: join(import.meta.dirname, '..', '..', 'web', 'dist') });
    await app.listen({ port, host: '127.0.0.1' });
    portal = { url: config.publicUrl, container, close: async () => (await app.close(), await container.close(), rmSync(dataDir, { recursive: true, force: true })) };

    const acme = prepared.demo!.accounts.acmeAccountId;
    const h = holdings(portal);
    const product = await h.product({ line: 'Tape Vault', version: '7' });
    await h.license(acme, product.id);
    const ctx = { actor: systemActor('test'), ip: null };
    const release = await container.releases.createRelease(ctx, { productSku: product.sku, version: '7.2.0', notes: 'Adds LTO-9 drives.' });
    await container.releases.storeFile(ctx, release.id, 'tape-vault-7.2.0.tar.gz', Readable.from([bytes]));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('Alice sees the release with its size and checksum, and downloads the exact bytes', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${portal.url}/sign-in`);
    await page.getByLabel('Email').fill('alice@acme.test');
    await page.getByLabel('Password').fill('portal-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/a\//);
    await page.getByRole('link', { name: 'FileConnect' }).click();

    const release = page.getByRole('article', { name: /7\.2\.0/ });
    await expect.poll(() => release.isVisible()).toBe(true);
    await expect.poll(() => release.getByText('Adds LTO-9 drives.').isVisible()).toBe(true);
    expect(await release.getByText('195 KB').isVisible()).toBe(true);
    expect(await release.getByLabel('SHA-256 of tape-vault-7.2.0.tar.gz', { exact: true }).textContent()).toBe(sha256);

    const [download] = await Promise.all([page.waitForEvent('download'), release.getByRole('button', { name: 'Download tape-vault-7.2.0.tar.gz' }).click()]);
    expect(download.suggestedFilename()).toBe('tape-vault-7.2.0.tar.gz');
    const saved = readFileSync((await download.path())!);
    expect(createHash('sha256').update(saved).digest('hex')).toBe(sha256);
    await context.close();
  });
});
