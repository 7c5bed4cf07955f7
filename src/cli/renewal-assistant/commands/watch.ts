import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import type { CommandContext } from '../context.js';
import { describeError, invalidInput } from '../errors.js';
import { runCheck, type CheckOptions } from './check.js';

const HOUR_MS = 3_600_000;

/**
 * `check` now and then every `everyHours` (daily by default), in the foreground, for a service
 * manager. SIGTERM or SIGINT ends it between checks; a check under way is finished first (and a
 * kill in the middle would still leave the state whole).
 */
export async function runWatch(makeContext: () => CommandContext, options: CheckOptions & { every?: string }): Promise<void> {
  const hours = options.every === undefined ? 24 : Number(options.every);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 7) throw invalidInput('--every: the number of hours between checks, e.g. 24 (at most a week)');
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  // `on`, not `once`: a second signal (Ctrl-C reaches a whole process group) must not kill a check half-way.
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    while (!stop.signal.aborted) {
      const ctx = makeContext();
      try {
        await runCheck(ctx, options);
      } catch (error) {
        // One failed check (the state busy, a file damaged) must not end the service: say it and go on.
        const { message, hint } = describeError(error);
        ctx.out.error(message, hint);
      }
      await sleep(hours * HOUR_MS, undefined, { signal: stop.signal }).catch(() => undefined);
    }
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}

function parseTime(at: string): { hour: number; minute: number } {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(at.trim());
  if (!match) throw invalidInput(`--at: ${JSON.stringify(at)} is not a time of day; write it as HH:MM, e.g. 07:30`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

const shellQuote = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);

/** A crontab line running `check --quiet` daily: cron mails its output, so only alerts and warnings are printed. */
export function cronLine(options: { at: string; env: NodeJS.ProcessEnv; nodePath: string; binPath: string }): string {
  const { hour, minute } = parseTime(options.at);
  const env = ['XDG_CONFIG_HOME', 'XDG_STATE_HOME']
    .filter((name) => options.env[name])
    .map((name) => `${name}=${shellQuote(options.env[name]!)} `)
    .join('');
  return `${minute} ${hour} * * * ${env}${shellQuote(options.nodePath)} ${shellQuote(options.binPath)} check --quiet`;
}

export function runInstallCron(ctx: CommandContext, options: { at?: string }, env: NodeJS.ProcessEnv): void {
  const binPath = join(import.meta.dirname, '..', '..', '..', '..', 'bin', 'renewal-assistant.js');
  const line = cronLine({ at: options.at ?? '07:30', env, nodePath: process.execPath, binPath });
  if (ctx.out.json) {
    ctx.out.data({ line });
    return;
  }
  // Only the line goes to stdout, so `(crontab -l; renewal-assistant install-cron) | crontab -` works.
  process.stderr.write('# add to your crontab (crontab -e), or run: (crontab -l; renewal-assistant install-cron) | crontab -\n');
  ctx.out.line(line);
}
