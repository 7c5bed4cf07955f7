import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { BENCH_PASSWORD, ENTERPRISE_ADMIN } from './licenses-dataset.js';
import { measureExport } from './licenses-measure.js';
import { pinSelfToCore, signIn, startPortal } from './licenses-server.js';
import { loadAverage } from './validate-load.js';
import type { Figure } from './lib/types.js';

/**
 * The CSV export of licenses-sqlite / licenses-postgres alone, measured the same way, on a database
 * generated before by bench/generate.ts: `tsx bench/licenses-export.ts --database <url> [--runs n]`.
 * For working on the export: it prints its figures and writes no results (`npm run bench` does).
 */
const program = new Command('licenses-export')
  .requiredOption(
    '--database <url>',
    'sqlite:<file> or postgres://…/<database> holding the generated licenses',
  )
  .option('--runs <n>', 'exports in a row, each measured', (v) => Number(v), 1);
program.parse();
const options = program.opts<{ database: string; runs: number }>();

pinSelfToCore(1);
const workDir = mkdtempSync(join(tmpdir(), 'lp-bench-licenses-export-'));
const dataDir = join(workDir, 'data');
mkdirSync(dataDir, { recursive: true });
const portal = await startPortal(options.database, dataDir);
try {
  const headers = { cookie: await signIn(portal.url, ENTERPRISE_ADMIN, BENCH_PASSWORD) };
  const me = (await (await fetch(`${portal.url}/api/v1/me`, { headers })).json()) as {
    accounts: { id: string }[];
  };
  const base = `/api/v1/accounts/${me.accounts[0]!.id}/licenses`;
  for (let run = 1; run <= options.runs; run++) {
    const figures: Record<string, Figure> = { 'load average at start (1 min)': loadAverage() };
    await measureExport(
      { workDir, quick: false, log: (m) => console.log(m) },
      portal,
      base,
      headers,
      figures,
    );
    figures['load average at end (1 min)'] = loadAverage();
    console.log(`run ${run}:`);
    for (const [name, figure] of Object.entries(figures))
      console.log(
        `  ${name}: ${typeof figure === 'string' ? figure : `${Math.round(figure.value * 100) / 100} ${figure.unit}`.trim()}`,
      );
  }
} finally {
  await portal.stop();
  rmSync(workDir, { recursive: true, force: true });
}
