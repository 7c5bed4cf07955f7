import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '../../test-results/reliability');

/**
 * Keeps a run's figures for docs/reliability.md: printed, and written to
 * test-results/reliability/<name>.json. Figures are reported, never asserted.
 */
export function reportFigures(name: string, figures: Record<string, unknown>): void {
  mkdirSync(DIR, { recursive: true });
  const record = { name, at: new Date().toISOString(), ...figures };
  writeFileSync(join(DIR, `${name}.json`), JSON.stringify(record, null, 2) + '\n');
  console.log(`[reliability] ${name}: ${JSON.stringify(figures)}`);
}
