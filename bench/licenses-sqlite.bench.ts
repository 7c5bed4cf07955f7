import { join } from 'node:path';
import type { Benchmark } from './lib/types.js';
import { EXPORT_GOAL_ROWS_PER_SECOND, LIST_GOAL_MS, measureLicenses } from './licenses-measure.js';

/** Manage My Licenses at 1,000,000 licenses on the embedded SQLite database. `LICENSES_BENCH_SQLITE=sqlite:<file>` reuses a generated one. */
const bench: Benchmark = {
  description: 'Manage My Licenses on SQLite at 1,000,000 licenses: the list’s first page and each single filter through the HTTP API, and the CSV export.',
  goal: `first page and any single filter p95 ≤ ${LIST_GOAL_MS} ms; CSV export ≥ ${EXPORT_GOAL_ROWS_PER_SECOND.toLocaleString('en-US')} rows/s with flat memory`,
  run: (ctx) => measureLicenses(ctx, { dialect: 'sqlite', databaseUrl: process.env.LICENSES_BENCH_SQLITE, freshUrl: `sqlite:${join(ctx.workDir, 'licenses.db')}` }),
};
export default bench;
