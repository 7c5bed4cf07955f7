import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { loadConfig } from '../src/server/config.js';
import { createContainer } from '../src/server/container.js';
import { ManualClock } from '../src/server/platform/clock.js';

/**
 * One reminder pass in a process of its own, as a worker runs it, so its peak memory is the
 * pass's alone: `tsx bench/reminders-pass-run.ts <databaseUrl> <nowIso>`. Prints JSON.
 */
const [url, now] = process.argv.slice(2) as [string, string];

/**
 * PostgreSQL: the CPU time of the server processes serving this database (the bench's own, on
 * this machine), all opened by this process's pool, read from /proc. Null on SQLite.
 */
async function serverCpuSeconds(): Promise<number | null> {
  if (!url.startsWith('postgres')) return null;
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(container.store.db);
  let ticks = 0;
  for (const { pid } of rows) {
    // Fields after the command name: state is the first, utime the 12th, stime the 13th (clock ticks).
    const stat = readFileSync(`/proc/${pid}/stat`, { encoding: 'utf8', flag: 'r' });
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}
const at = new Date(now);
const config = loadConfig({ DATABASE_URL: url, DATA_DIR: mkdtempSync(join(tmpdir(), 'lp-bench-pass-')), PORTAL_SECRET: 'bench-secret-bench-secret-bench-secret-01', PUBLIC_URL: 'http://portal.bench', PORTAL_DEMO: '0', LOG_LEVEL: 'silent' });
const container = createContainer(config, { clock: new ManualClock(at), mailer: null });
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const cpuBefore = process.cpuUsage();
const reminders = await container.reminderPass.run(at);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
// The pass's own CPU time (user + system): the figure that holds when the machine is shared.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const databaseCpuSeconds = await serverCpuSeconds();
const count = async (table: 'reminders' | 'outbox' | 'alerts' | 'reminder_deliveries') =>
  Number((await container.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const rows = { reminders: await count('reminders'), outbox: await count('outbox'), alerts: await count('alerts'), reminder_deliveries: await count('reminder_deliveries') };
await container.close();
const peakKiB = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
process.stdout.write(JSON.stringify({ reminders, seconds, cpuSeconds, databaseCpuSeconds, rows, peakRssMiB: peakKiB / 1024, rssBeforeMiB: rssBefore / 1024 / 1024 }) + '\n');
