import { execFileSync } from 'node:child_process';
import { copyFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clientPaths } from '../src/cli/renewal-assistant/paths.js';
import { emptyState, writeState, type TrackedContract } from '../src/cli/renewal-assistant/state.js';
import { addDays, DEFAULT_SCHEDULE } from '../src/domain/reminders/index.js';
import { generateSerialNumber } from '../src/domain/identifiers/index.js';
import type { Benchmark } from './lib/types.js';

const ROOT = join(import.meta.dirname, '..');
const MAIN = join(ROOT, 'src', 'cli', 'renewal-assistant', 'main.ts');
const TSX = import.meta.resolve('tsx');
const TODAY = '2027-01-01';

/** N contracts from signed files, their end dates spread over the next two years. */
function contracts(count: number): TrackedContract[] {
  return Array.from({ length: count }, (_, i) => ({
    serialNumber: generateSerialNumber('M', String(100_000_000 + i)),
    source: 'file' as const,
    productSku: 'VB-23-SRV',
    productName: 'Vault Backup 23 Server',
    startsAt: '2026-01-01',
    endsAt: addDays(TODAY, 1 + (i * 730) / count),
    portalState: null,
    schedule: { ...DEFAULT_SCHEDULE, leadDays: [...DEFAULT_SCHEDULE.leadDays] },
    manualAlertOn: null,
    accountId: 'acc_bench',
    addedAt: '2026-01-01T00:00:00.000Z',
    confirmedAt: '2026-01-01T00:00:00.000Z',
  }));
}

/** Wall time of one process run, in ms. */
function timeRun(args: string[], env: NodeJS.ProcessEnv): number {
  const started = performance.now();
  try {
    execFileSync(process.execPath, ['--import', TSX, ...args], { env, stdio: 'ignore' });
  } catch (error) {
    // check answers 1 or 2 when contracts are inside their window: that is its answer, not a failure.
    if (![1, 2].includes((error as { status?: number }).status ?? -1)) throw error;
  }
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * `renewal-assistant check --offline` as cron runs it: a whole process start, the state read under
 * the lock, every contract planned, the due alerts recorded and logged. The floor is the same Node
 * process starting the same way (tsx) on an empty module, so the ratio is the share of the run that
 * start-up alone costs.
 */
const bench: Benchmark = {
  description: 'Renewal Assistant `check --offline` from process start to exit, with 1,000 and 10,000 tracked contracts, against starting Node with tsx on an empty module.',
  async run(ctx) {
    const sizes = ctx.quick ? [100, 1_000] : [1_000, 10_000];
    const runs = ctx.quick ? 3 : 7;
    const empty = join(ctx.workDir, 'empty.ts');
    writeFileSync(empty, 'export {};\n');
    const floor = median(Array.from({ length: runs }, () => timeRun([empty], process.env)));

    const figures: Record<string, { value: number; unit: string } | string> = {
      'floor: node --import tsx, empty module (median)': { value: floor, unit: 'ms' },
      // The machine is shared: absolute times move with its load, the ratio much less.
      'load average (1 min) when measured': { value: loadavg()[0]!, unit: '' },
    };
    const steady: Record<number, number> = {};
    for (const size of sizes) {
      const home = join(ctx.workDir, `home-${size}`);
      const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_STATE_HOME: join(home, 'state') };
      const paths = clientPaths(env);
      await writeState(paths, { ...emptyState(), contracts: contracts(size) });
      const pristine = join(ctx.workDir, `state-${size}.json`);
      copyFileSync(paths.stateFile, pristine);
      const check = [MAIN, '--now', TODAY, 'check', '--offline', '--quiet'];

      // Raising: every run starts from the state before any alert, so each raises the same alerts.
      const raising = median(Array.from({ length: runs }, () => {
        copyFileSync(pristine, paths.stateFile);
        return timeRun(check, env);
      }));
      // Steady: the alerts of the day are raised already; the check plans every contract and writes nothing.
      steady[size] = median(Array.from({ length: runs }, () => timeRun(check, env)));
      ctx.log(`${size} contracts: raising ${raising.toFixed(0)} ms, steady ${steady[size]!.toFixed(0)} ms`);
      figures[`${size.toLocaleString('en-US')} contracts, check that raises the day's alerts (median)`] = { value: raising, unit: 'ms' };
      figures[`${size.toLocaleString('en-US')} contracts, check with nothing new (median)`] = { value: steady[size]!, unit: 'ms' };
      figures[`${size.toLocaleString('en-US')} contracts, state file`] = { value: statSync(paths.stateFile).size / 1024, unit: 'KiB' };
    }
    const largest = sizes[sizes.length - 1]!;
    const ratio = floor / steady[largest]!;
    return {
      headline: `check of ${largest.toLocaleString('en-US')} contracts in ${steady[largest]!.toFixed(0)} ms (${ratio.toFixed(2)} × the time of a bare start-up)`,
      ratio,
      goalMet: null,
      figures,
      method: [
        `Each figure is the median of ${runs} runs of a whole process, \`node --import tsx src/cli/renewal-assistant/main.ts --now ${TODAY} check --offline --quiet\`, timed from spawn to exit.`,
        'The state holds N contracts (source: file, 90/60/30 schedule) ending over the next two years, so about 1 in 8 is inside its alert window on the day checked.',
        '"Raising" restores the state before each run, so every run records, logs and saves the day\'s alerts (one atomic state write per alert, fsync included);',
        '"nothing new" checks again the same day. The floor is `node --import tsx` on an empty module: the start-up every run pays. Ratio = floor ÷ steady time at the largest N.',
      ],
    };
  },
};
export default bench;
