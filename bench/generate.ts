import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import pg from 'pg';
import { createDatabase } from '../src/server/db/database.js';
import { migrateToLatest } from '../src/server/db/migrate.js';
import { PasswordHasher } from '../src/server/modules/auth/passwords.js';
import { BENCH_PASSWORD, dataset, type DatasetOptions, type Rows } from './licenses-dataset.js';
import { openLoader } from './licenses-loader.js';

/**
 * The scale data generator: `tsx bench/generate.ts --licenses 1000000 --database <url>`.
 * Deterministic with `--seed`; a progress bar on stderr; prints how long it took and how large
 * the database became. See bench/licenses-dataset.ts for what it holds.
 */
export interface GenerateOptions extends DatasetOptions {
  database: string;
  /** Start from an empty database (removes the SQLite file, recreates the PostgreSQL database). */
  fresh: boolean;
  chunk: number;
  quiet?: boolean;
}

export interface GenerateReport {
  licenses: number;
  enterpriseLicenses: number;
  rows: Record<string, number>;
  seconds: number;
  /** CPU time of the generator itself: on a busy machine, wall time says more about the neighbours. */
  cpuSeconds: number;
  databaseBytes: number;
  enterpriseAccountId: string;
}

/** Tables in the order their foreign keys need; the ones a chunk writes. */
const CHUNK_TABLES = ['orders', 'certificates', 'entitlements', 'maintenance_contracts', 'licenses', 'custom_field_values', 'license_shares'];

export async function generate(options: GenerateOptions): Promise<GenerateReport> {
  const started = Date.now();
  const cpuStarted = process.cpuUsage();
  if (options.fresh) await resetDatabase(options.database);
  const handle = createDatabase({ url: options.database });
  await migrateToLatest(handle.db);
  await handle.close();

  const passwordHash = await new PasswordHasher('standard').hash(BENCH_PASSWORD);
  const data = dataset(options, passwordHash);
  const loader = openLoader(options.database);
  const counts: Record<string, number> = {};
  const count = (rows: Rows) => Object.entries(rows).forEach(([t, r]) => (counts[t] = (counts[t] ?? 0) + r.length));
  try {
    for (const [table, rows] of Object.entries(data.base)) await loader.insert(table, rows);
    count(data.base);
    await loader.dropSecondaryIndexes(CHUNK_TABLES);
    const bar = progressBar(options.licenses, options.quiet === true);
    let enterpriseLicenses = 0;
    for (const rows of data.chunks(options.chunk)) {
      for (const table of CHUNK_TABLES) await loader.insert(table, rows[table] ?? []);
      count(rows);
      enterpriseLicenses += rows.licenses!.filter((l) => l.account_id === data.enterpriseAccountId).length;
      bar.tick(rows.licenses!.length);
    }
    bar.done('building indexes and statistics…');
    await loader.rebuildIndexes();
    await loader.analyze();
    const report: GenerateReport = {
      licenses: counts.licenses ?? 0,
      enterpriseLicenses,
      rows: counts,
      seconds: (Date.now() - started) / 1000,
      cpuSeconds: (() => {
        const cpu = process.cpuUsage(cpuStarted);
        return (cpu.user + cpu.system) / 1e6;
      })(),
      databaseBytes: await loader.sizeBytes(),
      enterpriseAccountId: data.enterpriseAccountId,
    };
    return report;
  } finally {
    await loader.close();
  }
}

async function resetDatabase(url: string): Promise<void> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) rmSync(file + suffix);
    return;
  }
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`refusing to recreate a database named ${JSON.stringify(name)}`);
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
}

function progressBar(total: number, quiet: boolean) {
  const started = Date.now();
  let done = 0;
  let lastDrawn = -1;
  const draw = () => {
    const share = total ? done / total : 1;
    // a terminal gets a live bar; a log file a line per 5 %
    if (!process.stderr.isTTY && Math.floor(share * 20) === lastDrawn) return;
    lastDrawn = Math.floor(share * 20);
    const width = 30;
    const filled = Math.round(share * width);
    const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
    process.stderr.write(`${process.stderr.isTTY ? '\r' : '\n'}[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} licenses, ${Math.round(rate).toLocaleString('en-US')}/s `);
  };
  return {
    tick(n: number) {
      done += n;
      if (!quiet) draw();
    },
    done(message: string) {
      if (!quiet) process.stderr.write(`\n${message}\n`);
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const program = new Command('generate')
    .description('fill a database with licenses, products, accounts, contracts and custom values for the scale benchmarks')
    .option('--licenses <n>', 'how many licenses', (v) => Number(v), 1_000_000)
    .requiredOption('--database <url>', 'sqlite:<file> or postgres://…/<database>')
    .option('--seed <n>', 'the same seed gives the same data', (v) => Number(v), 42)
    .option('--accounts <n>', 'customer accounts, the enterprise included', (v) => Number(v), 200)
    .option('--enterprise-share <share>', 'share of the licenses held by the enterprise account', (v) => Number(v), 0.9)
    .option('--fresh', 'start from an empty database (removes or recreates it)', false)
    .option('--chunk <n>', 'licenses per transaction', (v) => Number(v), 10_000);
  program.parse();
  const o = program.opts<{ licenses: number; database: string; seed: number; accounts: number; enterpriseShare: number; fresh: boolean; chunk: number }>();
  const report = await generate({ ...o, fresh: o.fresh });
  console.log(
    [
      `${report.licenses.toLocaleString('en-US')} licenses (${report.enterpriseLicenses.toLocaleString('en-US')} in the enterprise account ${report.enterpriseAccountId}) in ${report.seconds.toFixed(1)} s (${report.cpuSeconds.toFixed(0)} s of CPU here; the database server's own work not counted)`,
      `database size: ${(report.databaseBytes / 1024 / 1024).toFixed(0)} MiB`,
      `rows: ${Object.entries(report.rows).map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', ')}`,
      `sign in as admin@enterprise.bench with the password ${BENCH_PASSWORD}`,
    ].join('\n'),
  );
}
