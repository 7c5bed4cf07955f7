import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderResults } from './render-results.js';
import type { Benchmark, BenchRecord } from './lib/types.js';

/**
 * `npm run bench` runs every `bench/<name>.bench.ts`; `npm run bench -- <name> [<name>…]` the ones
 * named; `--quick` a short smoke run. Each writes `bench/results/<name>.json`, then RESULTS.md is
 * rendered from all results (bench/render-results.ts).
 */
const benchDir = dirname(fileURLToPath(import.meta.url));
const resultsDir = join(benchDir, 'results');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const wanted = args.filter((a) => !a.startsWith('--'));
  const available = readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).map((f) => basename(f, '.bench.ts')).sort();
  const unknown = wanted.filter((w) => !available.includes(w));
  if (unknown.length) {
    console.error(`unknown benchmark: ${unknown.join(', ')}; available: ${available.join(', ') || 'none'}`);
    process.exit(2);
  }
  const names = wanted.length ? wanted : available;
  mkdirSync(resultsDir, { recursive: true });
  let failed = 0;
  for (const name of names) {
    try {
      await runOne(name, quick);
    } catch (error) {
      failed++;
      console.error(`[${name}] failed:`, error);
    }
  }
  renderResults(resultsDir, join(benchDir, 'RESULTS.md'));
  console.log(`bench/RESULTS.md updated (${names.length - failed} of ${names.length} ran)`);
  if (failed) process.exit(1);
}

async function runOne(name: string, quick: boolean): Promise<void> {
  const module = (await import(pathToFileURL(join(benchDir, `${name}.bench.ts`)).href)) as { default: Benchmark };
  const bench = module.default;
  const workDir = mkdtempSync(join(tmpdir(), `lp-bench-${name}-`));
  const started = Date.now();
  const loadBefore = loadavg()[0]!;
  console.log(`[${name}] ${bench.description}`);
  try {
    const outcome = await bench.run({ workDir, quick, log: (m) => console.log(`[${name}] ${m}`) });
    const record: BenchRecord = {
      name,
      description: bench.description,
      goal: bench.goal ?? null,
      quick,
      date: new Date().toISOString(),
      machine: {
        nproc: cpus().length,
        cpu: cpus()[0]?.model ?? 'unknown',
        node: process.version,
        platform: `${process.platform} ${process.arch}`,
        // A shared machine: other work running at the same time shows here (and in every figure).
        loadAverage: [loadBefore, loadavg()[0]!].map((l) => Math.round(l * 10) / 10) as [number, number],
      },
      durationSeconds: Math.round((Date.now() - started) / 1000),
      ...outcome,
    };
    writeFileSync(join(resultsDir, `${name}.json`), JSON.stringify(record, null, 2) + '\n');
    console.log(`[${name}] ${outcome.headline}`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

await main();
