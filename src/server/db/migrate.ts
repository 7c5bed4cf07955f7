import { Migrator, type MigrationResultSet } from 'kysely';
import type { Db } from './database.js';
import { migrations } from './migrations/index.js';

/** Brings the schema up to date; returns the names applied now. Safe to run from several processes. */
export function migrateToLatest(db: Db): Promise<string[]> {
  return applied(migratorOf(db).migrateToLatest());
}

/** Brings the schema up to `name` and no further (tests of a later migration start from there). */
export function migrateUpTo(db: Db, name: string): Promise<string[]> {
  return applied(migratorOf(db).migrateTo(name));
}

function migratorOf(db: Db): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
}

async function applied(run: Promise<MigrationResultSet>): Promise<string[]> {
  const result = await run;
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
