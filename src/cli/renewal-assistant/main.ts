#!/usr/bin/env node
import { Command, Option } from 'commander';
import { setWriteDelayForTests } from './atomic-file.js';
import type { AddOptions } from './commands/add.js';
import type { CheckOptions } from './commands/check.js';
import type { LoginOptions } from './commands/login.js';
import type { ManualAlertOptions } from './commands/manual-alert.js';
import type { NotifyOptions } from './commands/notify.js';
import { CONTACT_QUESTIONS } from './contact-fields.js';
import type { CommandContext } from './context.js';
import { resolveNow } from './dates.js';
import { describeError } from './errors.js';
import { createOutput } from './output.js';
import { clientPaths } from './paths.js';

// Each command is loaded when it runs: cron pays for `check`, not for prompts, mail and signatures.
const env = process.env;
setWriteDelayForTests(Number(env.RENEWAL_ASSISTANT_TEST_WRITE_DELAY_MS ?? 0));

/** `check` and `watch` speak the monitoring-plugin convention, where 3 means "could not tell". */
const UNKNOWN = 3;

const program = new Command('renewal-assistant')
  .description('tracks your maintenance contracts and raises renewal alerts 90, 60 and 30 days before they end')
  .option('--json', 'print one JSON document for scripts instead of text')
  .option('--now <date>', 'run as if it were this date or time (testing; or RENEWAL_ASSISTANT_NOW)')
  .showHelpAfterError('(add --help for usage)');

function contextOf(command: Command): CommandContext {
  const globals = command.optsWithGlobals<{ json?: boolean; now?: string }>();
  return { paths: clientPaths(env), now: resolveNow(globals.now, env.RENEWAL_ASSISTANT_NOW), out: createOutput({ json: Boolean(globals.json), env }) };
}

/** Run a command; every failure becomes a sentence on stderr (or a JSON error) and an exit status. */
function action<A extends unknown[]>(failureStatus: number, run: (ctx: CommandContext, ...args: A) => Promise<number | void>) {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    let ctx: CommandContext | undefined;
    try {
      ctx = contextOf(command);
      process.exitCode = (await run(ctx, ...(args.slice(0, -1) as A))) ?? 0;
    } catch (error) {
      const described = describeError(error);
      if (command.optsWithGlobals<{ json?: boolean }>().json) process.stdout.write(`${JSON.stringify({ error: described }, null, 2)}\n`);
      else (ctx?.out ?? createOutput({ json: false, env })).error(described.message, described.hint);
      process.exitCode = failureStatus;
    }
  };
}

program
  .command('login')
  .description('store the portal address and an API token (asked for, hidden, when not given)')
  .requiredOption('--portal <url>', 'the portal, e.g. https://licensing.example.com')
  .option('--token <token>', 'the API token (or RENEWAL_ASSISTANT_TOKEN); prefer being asked, to keep it out of the shell history')
  .option('--account <id>', 'the account the token belongs to: checked, and shown with its name')
  .action(action<[LoginOptions]>(1, async (ctx, options) => (await import('./commands/login.js')).runLogin(ctx, options, env.RENEWAL_ASSISTANT_TOKEN)));

const add = program
  .command('add')
  .description('look maintenance contracts up on the portal and track them')
  .argument('<serial...>', 'maintenance contract serial numbers (M…) from the certificate')
  .option('--no-input', 'never ask: take the contact information from the flags below');
for (const question of CONTACT_QUESTIONS) {
  add.option(`${question.flag} <text>`, `${question.label.replace(/\s*\(.*\)$/, '').toLowerCase()}${question.optional ? ' (optional)' : ''}`);
}
add.action(action<[string[], AddOptions]>(1, async (ctx, serials, options) => (await import('./commands/add.js')).runAdd(ctx, serials, options)));

program
  .command('import')
  .description('track a contract from its signed contract file, verified offline with the cached keys')
  .argument('<file>', 'the contract file downloaded from the portal (contract.json)')
  .action(action<[string]>(1, async (ctx, file) => (await import('./commands/import.js')).runImport(ctx, file)));

program
  .command('manual-alert')
  .description('set a one-time alert from the purchase certificate when the portal cannot be reached')
  .requiredOption('--serial <serial>', 'the maintenance contract serial number (M…)')
  .requiredOption('--expires <date>', 'the Maintenance end date on the certificate, YYYY-MM-DD')
  .option('--alert-on <date>', 'the day to raise the alert (default: 30 days before --expires, or at once)')
  .option('--replace', 'replace a contract tracked from the portal or a file')
  .action(action<[ManualAlertOptions]>(1, async (ctx, options) => (await import('./commands/manual-alert.js')).runManualAlert(ctx, options)));

program
  .command('list')
  .description('the tracked contracts: product, end date, days left, state, source and next alert')
  .action(action<[]>(1, async (ctx) => (await import('./commands/list.js')).runList(ctx)));

program
  .command('check')
  .description('raise the alerts that are due; exit 0 OK, 1 a contract inside its alert window, 2 a contract expired')
  .option('--offline', 'do not refresh from the portal')
  .option('--quiet', 'print nothing unless an alert is raised (for cron)')
  .option('--verbose', 'also print the contract table')
  .action(action<[CheckOptions]>(UNKNOWN, async (ctx, options) => (await import('./commands/check.js')).runCheck(ctx, options)));

program
  .command('watch')
  .description('run check now and then daily, in the foreground (for a service manager)')
  .option('--every <hours>', 'hours between checks', '24')
  .option('--offline', 'do not refresh from the portal')
  .action(action<[CheckOptions & { every?: string }]>(UNKNOWN, async (_ctx, options) => {
    await (await import('./commands/watch.js')).runWatch(() => contextOf(program), options);
  }));

program
  .command('install-cron')
  .description('print a crontab line that runs check daily')
  .option('--at <HH:MM>', 'the time of day', '07:30')
  .action(action<[{ at?: string }]>(1, async (ctx, options) => (await import('./commands/watch.js')).runInstallCron(ctx, options, env)));

program
  .command('notify')
  .description('send alerts to a webhook and/or by e-mail as well; without options, show the settings')
  .option('--webhook <url>', 'POST each alert as JSON to this address')
  .option('--no-webhook', 'stop posting to the webhook')
  .option('--webhook-secret <whsec>', 'sign each POST (Standard Webhooks) with this secret')
  .option('--email-to <addresses>', 'mail each alert to these addresses (comma-separated)')
  .option('--no-email-to', 'stop mailing alerts')
  .option('--email-from <address>', 'the sender address')
  .addOption(new Option('--smtp <url>', 'the mail server, e.g. smtp://mail.example.com:25'))
  .option('--test', 'send a test alert through what is configured')
  .action(action<[NotifyOptions]>(1, async (ctx, options) => (await import('./commands/notify.js')).runNotify(ctx, options)));

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`error: ${describeError(error).message}\n`);
  process.exitCode = 1;
});
