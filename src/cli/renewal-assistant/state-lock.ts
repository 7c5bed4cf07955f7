import { open, readFile, stat, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensurePrivateDir } from './atomic-file.js';
import { dirname } from 'node:path';
import { CliError } from './errors.js';

/** How long a lock file may stay without its holder's process number before it counts as left behind. */
const UNWRITTEN_LOCK_GRACE_MS = 5_000;
const UNKNOWN_HOLDER = 0;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function tryAcquire(lockFile: string): Promise<'acquired' | number> {
  try {
    const handle = await open(lockFile, 'wx', 0o600);
    await handle.writeFile(String(process.pid));
    await handle.close();
    return 'acquired';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
  if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) return holder;
  // No process number yet: the holder has created the file and not yet written into it, or died in
  // between. Only a lock that stayed empty for a while is taken as left behind.
  if (!(Number.isInteger(holder) && holder > 0)) {
    const created = await stat(lockFile).then((s) => s.mtimeMs).catch(() => 0);
    if (created > 0 && Date.now() - created < UNWRITTEN_LOCK_GRACE_MS) return UNKNOWN_HOLDER;
  }
  // The holder was killed (or the lock is half-written by a process that died at once): take over.
  // Two processes finding the same dead holder in the same instant could both take over; that needs
  // a kill and two starts within milliseconds of each other, and is accepted.
  await unlink(lockFile).catch(() => undefined);
  return tryAcquire(lockFile);
}

/**
 * Run `work` as the only process changing the state: cron's `check`, a `watch` loop and a person
 * typing `add` may run at the same moment, and an alert must still be raised once. A lock left by
 * a killed process is taken over; a live holder is waited for up to `waitMs`.
 */
export async function withStateLock<T>(lockFile: string, work: () => Promise<T>, waitMs = 30_000): Promise<T> {
  ensurePrivateDir(dirname(lockFile));
  const deadline = Date.now() + waitMs;
  for (;;) {
    const outcome = await tryAcquire(lockFile);
    if (outcome === 'acquired') break;
    if (Date.now() >= deadline) {
      const who = outcome === UNKNOWN_HOLDER ? 'another renewal-assistant' : `another renewal-assistant (process ${outcome})`;
      throw new CliError('state_busy', `${who} is updating the local state`, 'try again when it has finished');
    }
    await sleep(100);
  }
  try {
    return await work();
  } finally {
    await unlink(lockFile).catch(() => undefined);
  }
}
