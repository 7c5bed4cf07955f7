import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';

export interface BackupReport {
  file: string;
  pages: number;
  integrity: string;
}

/** Where an embedded database lives, from its `sqlite:` URL. */
export function sqliteFileOf(databaseUrl: string): string {
  if (!databaseUrl.startsWith('sqlite:')) throw new Error('backup and restore here are for the embedded SQLite database; for PostgreSQL use pg_dump / pg_restore (see docs/operations.md)');
  const file = databaseUrl.slice('sqlite:'.length);
  if (!file || file === ':memory:') throw new Error('an in-memory database cannot be backed up');
  return resolve(file);
}

/**
 * An online backup of the embedded database: SQLite's backup API copies a consistent snapshot
 * page by page while the portal keeps serving and writing. The copy is checked before it counts.
 */
export async function backupSqlite(databaseUrl: string, target: string, onProgress?: (done: number, total: number) => void): Promise<BackupReport> {
  const source = new SqliteDatabase(sqliteFileOf(databaseUrl), { readonly: true, fileMustExist: true });
  const file = resolve(target);
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    const result = await source.backup(partial, {
      // One step: a write by another connection between steps would restart the copy, and under
      // steady load it would never finish. In WAL mode the one read transaction blocks no writer.
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.(totalPages - remainingPages, totalPages);
        return Math.max(totalPages, 1);
      },
    });
    const integrity = checkIntegrity(partial);
    if (integrity !== 'ok') throw new Error(`the backup copy failed its integrity check: ${integrity}`);
    renameSync(partial, file);
    return { file, pages: result.totalPages, integrity };
  } finally {
    source.close();
    rmSync(partial, { force: true });
  }
}

/** Puts a backup in place of the database; the portal must be stopped. The old file is kept aside. */
export function restoreSqlite(databaseUrl: string, backupFile: string): { restored: string; previous: string | null } {
  const target = sqliteFileOf(databaseUrl);
  const source = resolve(backupFile);
  if (!existsSync(source)) throw new Error(`no such backup: ${source}`);
  const integrity = checkIntegrity(source);
  if (integrity !== 'ok') throw new Error(`the backup failed its integrity check: ${integrity}`);
  let previous: string | null = null;
  if (existsSync(target)) {
    previous = `${target}.before-restore-${Date.now()}`;
    // Fold the write-ahead log in first so the kept copy is whole.
    const db = new SqliteDatabase(target);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    renameSync(target, previous);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
  return { restored: target, previous };
}

export function checkIntegrity(file: string): string {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}
