import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createDatabase } from '../../src/server/db/database.js';

/** A SQLite database file with the portal's default durability (WAL, synchronous=FULL). */
export function sqliteDatabase(file: string) {
  const url = `sqlite:${file}`;
  return { handle: createDatabase({ url, sqliteSynchronous: 'full' }), url, drop: async () => {} };
}

export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
}

/** Runs `work` over `items` with `width` calls in flight; answers every outcome in order. */
export async function inFlight<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await work(items[i]!);
      }
    }),
  );
  return results;
}

/** Peak resident memory of this process so far (VmHWM). */
export function peakRssMiB(): number {
  return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
}
