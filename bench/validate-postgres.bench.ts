import type { Benchmark } from './lib/types.js';
import { VALIDATE_GOAL, validateBench } from './validate-scenario.js';

const bench: Benchmark = {
  description: 'License validation (`POST /api/v1/validate`) on PostgreSQL with 1,000,000 licenses, against a bare Fastify endpoint.',
  goal: VALIDATE_GOAL,
  run: (ctx) =>
    validateBench(ctx, { url: process.env.BENCH_VALIDATE_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/lp_bench_validate', label: 'PostgreSQL' }),
};
export default bench;
