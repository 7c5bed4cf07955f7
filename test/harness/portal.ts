import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { describe } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { prepare } from '../../src/server/boot.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { createContainer, type Container } from '../../src/server/container.js';
import type { Dialect } from '../../src/server/db/database.js';
import { ManualClock } from '../../src/server/platform/clock.js';
import type { Mailer } from '../../src/server/platform/mailer.js';
import { createTestDatabase, isPostgresAvailable, type TestDatabase } from './databases.js';
import { SecondFactorKeeper } from './second-factor.js';

/** Every data-layer and service test runs once per dialect; PostgreSQL is skipped only outside CI. */
export const DIALECTS: Dialect[] = (await isPostgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];

export function describeEachDialect(name: string, body: (dialect: Dialect) => void): void {
  describe.each(DIALECTS)(`${name} [%s]`, (dialect) => body(dialect));
}

export const TEST_PASSWORD = 'correct-horse-battery';

export interface TestPortalOptions {
  demo?: boolean;
  mailer?: Mailer | null;
  env?: Record<string, string>;
  now?: string;
}

export interface TestPortal {
  dialect: Dialect;
  app: FastifyInstance;
  container: Container;
  clock: ManualClock;
  database: TestDatabase;
  config: Readonly<Config>;
  /** A client with no session. */
  anonymous(): Client;
  /** Signs in through the API and returns a client that carries the cookie and CSRF token. */
  signIn(email: string, password?: string): Promise<Client>;
  /** A client authenticated by an API token. */
  bearer(token: string): Client;
  close(): Promise<void>;
}

export function testConfig(database: TestDatabase, env: Record<string, string> = {}): Readonly<Config> {
  return loadConfig({
    DATABASE_URL: database.url,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'lp-data-')),
    PORTAL_SECRET: 'test-secret-test-secret-test-secret-0123',
    PUBLIC_URL: 'http://portal.test',
    PORTAL_PASSWORD_HASH_COST: 'test',
    PORTAL_DEMO: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
}

/** A portal on a fresh database of the dialect, driven through `inject` (no port). */
export async function startTestPortal(dialect: Dialect, options: TestPortalOptions = {}): Promise<TestPortal> {
  const database = await createTestDatabase(dialect);
  const config = testConfig(database, { ...(options.demo ? { PORTAL_DEMO: '1' } : {}), ...options.env });
  const clock = new ManualClock(new Date(options.now ?? '2026-11-23T09:00:00.000Z'));
  const container = createContainer(config, { clock, mailer: options.mailer ?? null, database: database.handle });
  await prepare(container);
  const app = await buildApp(container, { webRoot: '/nonexistent' });
  await app.ready();
  const secondFactors = new SecondFactorKeeper(app, clock);
  const portal: TestPortal = {
    dialect,
    app,
    container,
    clock,
    database,
    config,
    anonymous: () => new Client(app, {}),
    async signIn(email, password = TEST_PASSWORD) {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      // Vendor admins (and members of accounts that require it) enrol or answer a second factor.
      const res = login.statusCode === 200 ? await secondFactors.complete(email, password, login) : login;
      if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'lp_session')!;
      return new Client(app, { cookie: `lp_session=${cookie.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken });
    },
    bearer: (token) => new Client(app, { authorization: `Bearer ${token}` }),
    async close() {
      await app.close();
      await container.close().catch(() => {});
      await database.drop();
    },
  };
  return portal;
}

type Body = InjectOptions['payload'];

/** A thin HTTP client over `inject` that carries a session or a token. */
export class Client {
  constructor(
    readonly app: FastifyInstance,
    readonly auth: { cookie?: string; csrf?: string; authorization?: string },
  ) {}

  request(method: InjectOptions['method'], url: string, payload?: Body, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const h: Record<string, string> = { ...headers };
    if (this.auth.cookie) h.cookie = this.auth.cookie;
    if (this.auth.authorization) h.authorization = this.auth.authorization;
    if (this.auth.csrf && method !== 'GET' && method !== 'HEAD') h['x-csrf-token'] = this.auth.csrf;
    return this.app.inject({ method, url: url.startsWith('/') && !url.startsWith('/api') && !isRootPath(url) ? `/api/v1${url}` : url, payload, headers: h });
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: Body, headers?: Record<string, string>) => this.request('POST', url, body ?? {}, headers);
  put = (url: string, body?: Body, headers?: Record<string, string>) => this.request('PUT', url, body ?? {}, headers);
  delete = (url: string, body?: Body, headers?: Record<string, string>) => this.request('DELETE', url, body, headers);
}

function isRootPath(url: string): boolean {
  return /^\/(healthz|metrics|docs|dl)(\/|\?|$)/.test(url);
}
