import type { Benchmark } from './lib/types.js';
import { EXPORT_GOAL_ROWS_PER_SECOND, LIST_GOAL_MS, measureLicenses } from './licenses-measure.js';

/**
 * The same on PostgreSQL. `LICENSES_BENCH_POSTGRES=postgres://…/<db>` reuses a generated database;
 * otherwise `lp_bench_licenses` is (re)created on the server of `LICENSES_BENCH_POSTGRES_SERVER`.
 */
const server = process.env.LICENSES_BENCH_POSTGRES_SERVER ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const bench: Benchmark = {
  description: 'Manage My Licenses on PostgreSQL at 1,000,000 licenses: the list’s first page and each single filter through the HTTP API, and the CSV export.',
  goal: `first page and any single filter p95 ≤ ${LIST_GOAL_MS} ms; CSV export ≥ ${EXPORT_GOAL_ROWS_PER_SECOND.toLocaleString('en-US')} rows/s with flat memory`,
  run: (ctx) => {
    const fresh = new URL(server);
    fresh.pathname = '/lp_bench_licenses';
    return measureLicenses(ctx, { dialect: 'postgres', databaseUrl: process.env.LICENSES_BENCH_POSTGRES, freshUrl: fresh.toString() });
  },
};
export default bench;
