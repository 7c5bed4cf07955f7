/**
 * One benchmark: a file `bench/<name>.bench.ts` whose default export is a `Benchmark`.
 * `npm run bench` runs them all, `npm run bench -- <name>` one; each result lands in
 * `bench/results/<name>.json` and in its own section of `bench/RESULTS.md` (method: BENCH.md).
 */
export interface Benchmark {
  /** A sentence: what is measured, through which path. */
  description: string;
  /** The goal it is held to, in words (e.g. "≥ 1,000 licenses/s"). */
  goal?: string;
  run(ctx: BenchContext): Promise<BenchOutcome>;
}

export interface BenchContext {
  /** A scratch directory of this run, removed afterwards. */
  workDir: string;
  /** `--quick`: a short smoke run (CI), figures not for the record. */
  quick: boolean;
  log(message: string): void;
}

/** A figure: a number with its unit, or a text. */
export type Figure = { value: number; unit: string } | string;

export interface BenchOutcome {
  /** One line for the summary table, e.g. "1,234 licenses/s (0.18 × floor)". */
  headline: string;
  /** Portal figure ÷ the floor measured in the same run; null where no floor applies. */
  ratio: number | null;
  /** Whether the goal was met in this run; null when there is no goal. */
  goalMet: boolean | null;
  figures: Record<string, Figure>;
  /** How it was measured, in sentences (the method as run). */
  method: string[];
  notes?: string[];
}

export interface BenchRecord extends BenchOutcome {
  name: string;
  description: string;
  goal: string | null;
  quick: boolean;
  date: string;
  /** `loadAverage`: the 1-minute load average when the benchmark started and when it ended. */
  machine: { nproc: number; cpu: string; node: string; platform: string; loadAverage?: [number, number] };
  durationSeconds: number;
}
