import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../../src/server/db/database.js';
import { reminderPassRepository } from '../../src/server/modules/reminders/reminder-pass.repository.js';
import { createTestDatabase, type TestDatabase } from '../harness/databases.js';

async function pragma(handle: DatabaseHandle, name: string): Promise<number> {
  const { rows } = await sql.raw<Record<string, number>>(`pragma ${name}`).execute(handle.db);
  return rows[0]![name]!;
}

/**
 * A reminder pass on SQLite changes a few connection settings for its length (a smaller page cache
 * among them); once the last pass under way ends, the connection has its own settings again, the
 * page cache SQLITE_CACHE_MB asked for included. The settings are SQLite pragmas: PostgreSQL has none.
 */
describe('SQLite settings during reminder passes', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    handle = createDatabase({ url: database.url, sqliteCacheMiB: 96 });
  });
  afterAll(async () => {
    await handle.close();
    await database.drop();
  });

  it('keeps the pass settings while any pass runs and gives the connection its own back after the last', async () => {
    expect(await pragma(handle, 'cache_size')).toBe(-96 * 1024);
    const own = { cache: await pragma(handle, 'cache_size'), checkpoint: await pragma(handle, 'wal_autocheckpoint') };

    const endFirst = await reminderPassRepository.passSettings(handle.db, 'sqlite');
    const endSecond = await reminderPassRepository.passSettings(handle.db, 'sqlite');
    expect(await pragma(handle, 'cache_size')).toBe(-32_768);
    expect(await pragma(handle, 'wal_autocheckpoint')).toBe(16_384);

    await endFirst();
    expect(await pragma(handle, 'cache_size')).toBe(-32_768);
    await endSecond();
    expect({ cache: await pragma(handle, 'cache_size'), checkpoint: await pragma(handle, 'wal_autocheckpoint') }).toEqual(own);
  });
});
