import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from './errors.js';

let writeDelayMs = 0;

/**
 * Test hook: pause half-way through writing each temporary file, so a test can kill the process
 * while a write is in flight. Set from `RENEWAL_ASSISTANT_TEST_WRITE_DELAY_MS`; never in use otherwise.
 */
export function setWriteDelayForTests(ms: number): void {
  writeDelayMs = Number.isFinite(ms) && ms > 0 ? ms : 0;
}

const TEMP_SUFFIX = '.tmp';

/** Creates a directory (and its parents) readable by the owner only. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Replace `path` with `text` so that a reader, or the next run after a crash or kill, sees either
 * the old file or the new one, never a mix: write a temporary file beside it, fsync it, rename it
 * over the old one (atomic on POSIX), then fsync the directory so the rename itself is durable.
 */
export async function writeFileAtomic(path: string, text: string, options: { mode?: number } = {}): Promise<void> {
  const dir = dirname(path);
  ensurePrivateDir(dir);
  const temp = join(dir, `${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  const bytes = Buffer.from(text, 'utf8');
  const file = await open(temp, 'wx', options.mode ?? 0o600);
  try {
    if (writeDelayMs > 0) {
      const half = Math.floor(bytes.length / 2);
      await file.write(bytes, 0, half);
      await file.sync();
      await sleep(writeDelayMs);
      await file.write(bytes, half, bytes.length - half);
    } else {
      await file.write(bytes);
    }
    await file.sync();
  } catch (error) {
    await file.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await file.close();
  await rename(temp, path);
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Remove temporary files left by a write that was killed (call only while holding the state lock). */
export async function removeStaleTemporaries(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX)) await unlink(join(dirname(path), name)).catch(() => undefined);
  }
}

/** The parsed JSON in `path`, or undefined when there is no such file. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError('state_damaged', `cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliError('state_damaged', `${path} is not valid JSON`, 'it was edited by hand or damaged outside this program: restore it from a backup, or move it away to start afresh');
  }
}
