import { join } from 'node:path';
import type { Benchmark } from './lib/types.js';
import { VALIDATE_GOAL, validateBench } from './validate-scenario.js';

/** Set BENCH_VALIDATE_SQLITE to a database file (and BENCH_VALIDATE_REUSE=1) to skip generating it again. */
const bench: Benchmark = {
  description: 'License validation (`POST /api/v1/validate`) on SQLite with 1,000,000 licenses, against a bare Fastify endpoint.',
  goal: VALIDATE_GOAL,
  run: (ctx) => validateBench(ctx, { url: `sqlite:${process.env.BENCH_VALIDATE_SQLITE ?? join(ctx.workDir, 'validate.db')}`, label: 'SQLite' }),
};
export default bench;
