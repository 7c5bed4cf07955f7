import type { CommandContext } from '../context.js';
import { dateOf } from '../../../domain/reminders/index.js';
import { formatTable } from '../output.js';
import { contractRows, reportContracts } from '../report.js';
import { readState } from '../state.js';

/** The tracked contracts, read without the lock: the state file is only ever replaced whole. */
export async function runList(ctx: CommandContext): Promise<void> {
  const state = await readState(ctx.paths);
  const today = dateOf(ctx.now);
  const reports = reportContracts(state, today);
  const { out } = ctx;
  if (out.json) {
    out.data({ contracts: reports });
    return;
  }
  if (reports.length === 0) {
    out.line('No contracts tracked yet. Add one with: renewal-assistant add M…');
    return;
  }
  const table = contractRows(out.paint, reports, today);
  out.line(formatTable(table.headers, table.rows, { right: table.right, paint: out.paint }));
  const manual = reports.filter((r) => r.source === 'manual').length;
  if (manual > 0) out.line(out.paint.dim(`${manual} entered by hand (manual); refresh them with renewal-assistant add once the portal is reachable.`));
}
