import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase, type DatabaseHandle, type Dialect } from '../../src/server/db/database.js';
import { migrateToLatest, migrateUpTo } from '../../src/server/db/migrate.js';

/** The PostgreSQL server the suite uses; each test file gets a database of its own on it. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let postgresAvailable: Promise<boolean> | undefined;

/** Whether PostgreSQL answers. In CI a missing server fails the run instead of skipping. */
export function isPostgresAvailable(): Promise<boolean> {
  postgresAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      if (process.env.CI === 'true') throw new Error(`PostgreSQL is required in CI and does not answer at ${POSTGRES_ADMIN_URL}`);
      console.warn(`PostgreSQL not reachable at ${POSTGRES_ADMIN_URL}: its half of the suite is skipped`);
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return postgresAvailable;
}

export interface TestDatabase {
  handle: DatabaseHandle;
  url: string;
  /** Opens another connection pool to the same database (a second instance). */
  reopen(): DatabaseHandle;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of the dialect; `drop()` removes it. With `upTo`, migrated only up to
 * that migration, as a portal of an earlier version left it (for a test of the migrations after it).
 */
export async function createTestDatabase(dialect: Dialect, options: { upTo?: string } = {}): Promise<TestDatabase> {
  const url = dialect === 'sqlite' ? sqliteUrl() : await createPostgresDatabase();
  const handle = createDatabase({ url, sqliteSynchronous: 'normal' });
  await (options.upTo ? migrateUpTo(handle.db, options.upTo) : migrateToLatest(handle.db));
  const opened: DatabaseHandle[] = [handle];
  return {
    handle,
    url,
    reopen() {
      const another = createDatabase({ url, sqliteSynchronous: 'normal' });
      opened.push(another);
      return another;
    },
    async drop() {
      for (const h of opened) await h.close().catch(() => {});
      if (dialect === 'sqlite') rmSync(join(url.slice('sqlite:'.length), '..'), { recursive: true, force: true });
      else await dropPostgresDatabase(url);
    },
  };
}

function sqliteUrl(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lp-test-'));
  return `sqlite:${join(dir, 'portal.db')}`;
}

async function createPostgresDatabase(): Promise<string> {
  const name = `lp_t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropPostgresDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
}
