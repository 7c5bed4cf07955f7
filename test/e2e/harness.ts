import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { prepare } from '../../src/server/boot.js';
import { loadConfig } from '../../src/server/config.js';
import { createContainer, type Container } from '../../src/server/container.js';
import type { DemoSummary } from '../../src/server/demo/demo-data.js';
import type { Mailer } from '../../src/server/platform/mailer.js';

const ROOT = join(import.meta.dirname, '..', '..');
const WEB_ROOT = join(ROOT, 'web', 'dist');

export interface RunningPortal {
  url: string;
  app: FastifyInstance;
  container: Container;
  demo: DemoSummary | null;
  close(): Promise<void>;
}

/** Builds the web app once if it is missing (CI builds it before the suite). */
export function ensureWebBuild(): void {
  if (existsSync(join(WEB_ROOT, 'index.html'))) return;
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * A real portal listening on a free port, on a fresh SQLite database with the demo data of
 * SPEC §15 (password `portal-demo`), serving the built web app: what a browser test drives.
 */
export async function startPortal(options: { demo?: boolean; env?: Record<string, string>; mailer?: Mailer | null } = {}): Promise<RunningPortal> {
  ensureWebBuild();
  const dataDir = mkdtempSync(join(tmpdir(), 'lp-e2e-'));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(dataDir, 'portal.db')}`,
    DATA_DIR: dataDir,
    PORT: '0',
    PORTAL_DEMO: options.demo === false ? '0' : '1',
    PORTAL_PASSWORD_HASH_COST: 'test',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const container = createContainer(config, options.mailer !== undefined ? { mailer: options.mailer } : {});
  const prepared = await prepare(container);
  const app = await buildApp(container, { webRoot: WEB_ROOT });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    app,
    container,
    demo: prepared.demo,
    async close() {
      await app.close();
      await container.close();
    },
  };
}

/** Debian's Chromium, headless, with no calls home (the machine has no network). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A portal (with the demo data) and a browser for the tests of one file: started before them, closed after. */
export function useBrowserAndPortal(options: Parameters<typeof startPortal>[0] = {}): { portal: RunningPortal; browser: Browser } {
  const running = {} as { portal: RunningPortal; browser: Browser };
  beforeAll(async () => {
    running.portal = await startPortal(options);
    running.browser = await launchBrowser();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.portal?.close();
  });
  return running;
}

/** A browser context of its own, signed in as `email` (demo password), once the app shows an account's pages. */
export async function signedInPage(running: { portal: RunningPortal; browser: Browser }, email: string, password = 'portal-demo'): Promise<Page> {
  const context = await running.browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${running.portal.url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/a\//);
  return page;
}
