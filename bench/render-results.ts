import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRecord, Figure } from './lib/types.js';

const HEADER = `# Benchmark results

Figures from \`npm run bench\` (method: ../shared/BENCH.md). Each section is rendered from
\`bench/results/<name>.json\` between its markers; text outside the markers is kept as written.
`;

/**
 * Renders each result into its own marked section of RESULTS.md, replacing that section only:
 * sections written by hand, and sections of benchmarks not run this time, stay as they are.
 */
export function renderResults(resultsDir: string, target: string): void {
  let doc = existsSync(target) ? readFileSync(target, 'utf8') : HEADER;
  const files = existsSync(resultsDir) ? readdirSync(resultsDir).filter((f) => f.endsWith('.json')).sort() : [];
  for (const file of files) {
    const record = JSON.parse(readFileSync(join(resultsDir, file), 'utf8')) as BenchRecord;
    const start = `<!-- bench:${record.name} -->`;
    const end = `<!-- /bench:${record.name} -->`;
    const section = `${start}\n${renderSection(record)}${end}`;
    const from = doc.indexOf(start);
    const to = doc.indexOf(end);
    doc = from >= 0 && to > from ? doc.slice(0, from) + section + doc.slice(to + end.length) : `${doc.trimEnd()}\n\n${section}\n`;
  }
  writeFileSync(target, doc);
}

function renderSection(r: BenchRecord): string {
  const lines = [
    `## ${r.name}`,
    '',
    r.description,
    '',
    `- **Result:** ${r.headline}${r.quick ? ' (quick smoke run, not for the record)' : ''}`,
    ...(r.goal ? [`- **Goal:** ${r.goal} — ${r.goalMet === null ? 'n/a' : r.goalMet ? 'met' : 'NOT met'}`] : []),
    ...(r.ratio !== null ? [`- **Ratio to the floor:** ${r.ratio.toFixed(3)}`] : []),
    `- **Run:** ${r.date.slice(0, 10)}, ${r.machine.nproc} cores (${r.machine.cpu}), Node ${r.machine.node}, ${r.durationSeconds} s` +
      (r.machine.loadAverage ? `, load average ${r.machine.loadAverage[0]} → ${r.machine.loadAverage[1]} (other work on the machine)` : ''),
    '',
    '| figure | value |',
    '| --- | --- |',
    ...Object.entries(r.figures).map(([k, v]) => `| ${k} | ${formatFigure(v)} |`),
    '',
    '**Method.** ' + r.method.join(' '),
    '',
    ...(r.notes?.length ? [...r.notes.map((n) => `- ${n}`), ''] : []),
  ];
  return lines.join('\n');
}

function formatFigure(f: Figure): string {
  if (typeof f === 'string') return f;
  const digits = Math.abs(f.value) >= 100 ? 0 : Math.abs(f.value) >= 10 ? 1 : 2;
  return `${f.value.toLocaleString('en-US', { maximumFractionDigits: digits })} ${f.unit}`.trim();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  renderResults(join(dir, 'results'), join(dir, 'RESULTS.md'));
}
