import { parseSerialNumber } from '../../../domain/identifiers/index.js';
import { manualContract } from '../contract-sources.js';
import type { CommandContext } from '../context.js';
import { addDays, dateOf } from '../../../domain/reminders/index.js';
import { parseCalendarDate } from '../dates.js';
import { CliError, invalidInput } from '../errors.js';
import { withContract, withState } from '../state.js';

export interface ManualAlertOptions {
  serial: string;
  expires: string;
  alertOn?: string;
  replace?: boolean;
}

/**
 * The offline fallback (SPEC §11): a one-time alert from the dates on the purchase certificate,
 * raised on `--alert-on`, by default 30 days before the expiry, or at once if that day has passed.
 */
export async function runManualAlert(ctx: CommandContext, options: ManualAlertOptions): Promise<void> {
  const serial = parseSerialNumber(options.serial, { field: '--serial', kinds: ['M'] });
  if (!serial.ok) throw invalidInput(serial.message);
  const endsAt = parseCalendarDate(options.expires, '--expires');
  const today = dateOf(ctx.now);
  const alertOn = options.alertOn !== undefined ? parseCalendarDate(options.alertOn, '--alert-on') : maxDate(addDays(endsAt, -30), today);
  if (alertOn > endsAt) throw invalidInput(`--alert-on: ${alertOn} is after the expiry date ${endsAt}`);

  const contract = manualContract({ serialNumber: serial.value, endsAt, alertOn }, ctx.now.toISOString());
  await withState(ctx.paths, async (state, save) => {
    const existing = state.contracts.find((c) => c.serialNumber === serial.value);
    if (existing && existing.source !== 'manual' && !options.replace) {
      throw new CliError('invalid_input', `${serial.value} is already tracked from the ${existing.source}, ending ${existing.endsAt}`, 'its alerts are planned already; add --replace to use the certificate dates instead');
    }
    await save(withContract(state, contract));
  });

  const { out } = ctx;
  if (out.json) {
    out.data({ serialNumber: serial.value, expires: endsAt, alertOn, source: 'manual' });
    return;
  }
  const when = alertOn <= today ? 'at the next check' : `on ${alertOn}`;
  out.line(`${out.paint.green('✔')} Manual alert for ${serial.value} (expires ${endsAt}) will be raised ${when}.`);
}

const maxDate = (a: string, b: string) => (a > b ? a : b);
