import type { ExitStatus } from '../alert-plan.js';
import { readConfig, type ClientConfig } from '../config.js';
import { applyLookups } from '../contract-sources.js';
import type { CommandContext } from '../context.js';
import { dateOf } from '../../../domain/reminders/index.js';
import { deliverPending } from '../deliver-pending.js';
import { CliError } from '../errors.js';
import { formatTable } from '../output.js';
import { lookupContracts } from '../portal-client.js';
import { raiseDueAlerts } from '../raise.js';
import { contractRows, exitStatusOf, reportContracts, statusLine, STATUS_WORDS } from '../report.js';
import { withState, type ClientState, type RaisedAlert } from '../state.js';

export interface CheckOptions {
  /** Skip the portal even when it is configured. */
  offline?: boolean;
  /** Also print the contract table. */
  verbose?: boolean;
  /** Print nothing unless an alert was raised (for cron, which mails whatever is printed). */
  quiet?: boolean;
}

interface PortalOutcome {
  reached: boolean;
  error: string | null;
  missing: string[];
}

/** Refresh the portal's contracts; an unreachable portal is a warning, never a failed check. */
async function refresh(ctx: CommandContext, config: ClientConfig, state: ClientState, options: CheckOptions): Promise<{ state: ClientState; portal: PortalOutcome | null }> {
  const serials = state.contracts.filter((c) => c.source === 'portal').map((c) => c.serialNumber);
  if (options.offline || !config.portal || serials.length === 0) return { state, portal: null };
  try {
    const results = await ctx.out.busy('Refreshing contracts from the portal', () => lookupContracts(config.portal!, serials));
    const applied = applyLookups(state, results, ctx.now.toISOString());
    return { state: applied.state, portal: { reached: true, error: null, missing: applied.missing } };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { state, portal: { reached: false, error: error.message, missing: [] } };
  }
}

/**
 * Raise what is due and report the state in the monitoring-plugin convention. Runs under the
 * state lock, so two checks at once (cron and `watch`) still raise each alert once.
 */
export async function runCheck(ctx: CommandContext, options: CheckOptions = {}): Promise<ExitStatus> {
  const config = await readConfig(ctx.paths);
  const today = dateOf(ctx.now);
  const outcome = await withState(ctx.paths, async (loaded, save) => {
    const refreshed = await refresh(ctx, config, loaded, options);
    const { state: withRaised, raised } = raiseDueAlerts(refreshed.state, config, today, ctx.now.toISOString());
    if (withRaised !== loaded) await save(withRaised);
    const delivered = await deliverPending(ctx, config, withRaised, save);
    return { ...delivered, raised, portal: refreshed.portal };
  });
  const reports = reportContracts(outcome.state, today);
  const status = exitStatusOf(outcome.state, today);
  const { out } = ctx;

  if (outcome.portal && !outcome.portal.reached) {
    const since = outcome.state.portalReachedAt ? `; last reached ${outcome.state.portalReachedAt}` : '';
    out.warn(`${outcome.portal.error} — working from the local state${since}`);
  }
  for (const serial of outcome.portal?.missing ?? []) out.warn(`the portal no longer finds ${serial}: keeping its local dates`);
  for (const failure of outcome.failures) out.warn(`delivery failed, will retry on the next check: ${failure}`);

  if (out.json) {
    out.data({
      status,
      statusText: STATUS_WORDS[status],
      today,
      alerts: outcome.shown.map(alertJson),
      contracts: reports,
      portal: outcome.portal ? { reached: outcome.portal.reached, error: outcome.portal.error } : null,
      pendingDeliveries: outcome.state.alerts.filter((a) => a.pending.length > 0).map((a) => ({ alertId: a.id, pending: a.pending, lastError: a.lastError })),
    });
    return status;
  }
  if (options.quiet && outcome.shown.length === 0) return status;
  const paint = out.paint;
  const line = statusLine(reports, status);
  out.line(status === 2 ? paint.red(line) : status === 1 ? paint.yellow(line) : paint.green(line));
  for (const alert of outcome.shown) out.line(`${paint.bold('ALERT')} ${paint.cyan(alert.stage)} ${alert.message}`);
  if (options.verbose && reports.length > 0) {
    const table = contractRows(paint, reports, today);
    out.line();
    out.line(formatTable(table.headers, table.rows, { right: table.right, paint }));
  }
  return status;
}

function alertJson(alert: RaisedAlert) {
  return { id: alert.id, serialNumber: alert.serialNumber, stage: alert.stage, endsAt: alert.endsAt, dueOn: alert.dueOn, raisedAt: alert.raisedAt, message: alert.message };
}
