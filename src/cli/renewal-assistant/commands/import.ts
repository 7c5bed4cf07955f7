import { readFile } from 'node:fs/promises';
import { verifySignedFile } from '../../../../sdk/src/signed-file.js';
import { parseSerialNumber } from '../../../domain/identifiers/index.js';
import { readJsonFile, writeFileAtomic } from '../atomic-file.js';
import { readConfig } from '../config.js';
import { CONTRACT_FILE_FORMAT, type ContractPayload } from '../../../domain/signing/index.js';
import { contractFromFile } from '../contract-sources.js';
import type { CommandContext } from '../context.js';
import { dateOf, isCalendarDate } from '../../../domain/reminders/index.js';
import { CliError } from '../errors.js';
import { downloadSigningKeys } from '../portal-client.js';
import { reportContracts } from '../report.js';
import { withContract, withState } from '../state.js';

/** The signed `kind` of a contract payload (`signContractFile` stamps it). */
const CONTRACT_KIND = 'maintenance-contract';

/** What is wrong with a contract payload's shape, or undefined when it can be planned from. */
function contractPayloadFault(p: Record<string, unknown>): string | undefined {
  if (typeof p.serialNumber !== 'string' || !parseSerialNumber(p.serialNumber, { kinds: ['M'] }).ok) return 'payload.serialNumber is not a maintenance contract serial';
  for (const field of ['accountId', 'productSku', 'productName', 'issuedAt'] as const) if (typeof p[field] !== 'string') return `payload.${field} must be a string`;
  for (const field of ['startsAt', 'endsAt'] as const) if (typeof p[field] !== 'string' || !isCalendarDate(p[field])) return `payload.${field} must be a date (YYYY-MM-DD)`;
  const s = p.schedule as Record<string, unknown> | null;
  const scheduleOk = typeof s === 'object' && s !== null && Array.isArray(s.leadDays) && s.leadDays.every((d) => Number.isInteger(d) && (d as number) > 0) && typeof s.dayOf === 'boolean' && typeof s.expired === 'boolean';
  return scheduleOk ? undefined : 'payload.schedule must be { leadDays, dayOf, expired }';
}

async function readContractFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError('invalid_input', code === 'ENOENT' ? `${path}: no such file` : `${path}: ${(error as Error).message}`);
  }
}

/**
 * Track a contract from its signed file, verified offline against the signing keys cached at
 * login. A file signed by a key issued since is retried once against the portal's current keys.
 */
export async function runImport(ctx: CommandContext, path: string): Promise<void> {
  const text = await readContractFile(path);
  const config = await readConfig(ctx.paths);
  let jwks = await readJsonFile(ctx.paths.signingKeysFile);
  if (jwks === undefined) throw new CliError('invalid_file', "no signing keys cached to verify the file with", 'run renewal-assistant login once while the portal is reachable');
  const check = () => verifySignedFile(text, jwks, { format: CONTRACT_FILE_FORMAT, kind: CONTRACT_KIND, checkPayload: contractPayloadFault });

  let verdict = check();
  if (!verdict.valid && verdict.code === 'UNKNOWN_KEY' && config.portal) {
    const fresh = await ctx.out.busy('The file names a key not cached yet: fetching the portal\'s keys', () => downloadSigningKeys(config.portal!.url)).catch(() => undefined);
    if (fresh) {
      await writeFileAtomic(ctx.paths.signingKeysFile, `${JSON.stringify(fresh, null, 2)}\n`);
      jwks = fresh;
      verdict = check();
    }
  }
  if (!verdict.valid) {
    const hint = verdict.code === 'UNKNOWN_KEY' ? 'the file was signed by a key this client has not cached: run renewal-assistant login again while the portal is reachable' : 'download the contract file again from the portal';
    throw new CliError('invalid_file', `${path}: ${verdict.message}`, hint);
  }
  const payload = verdict.payload as unknown as ContractPayload;
  if (config.portal?.accountId && payload.accountId !== config.portal.accountId) {
    ctx.out.warn(`${payload.serialNumber} belongs to account ${payload.accountId}, not to the account logged in (${config.portal.accountId})`);
  }

  const saved = await withState(ctx.paths, async (state, save) => {
    const previous = state.contracts.find((c) => c.serialNumber === payload.serialNumber);
    const next = withContract(state, contractFromFile(payload, ctx.now.toISOString(), previous));
    await save(next);
    return next;
  });
  const report = reportContracts(saved, dateOf(ctx.now)).find((r) => r.serialNumber === payload.serialNumber)!;
  const { out } = ctx;
  if (out.json) {
    out.data({ imported: report, verifiedWith: verdict.kid });
    return;
  }
  out.line(`${out.paint.green('✔')} Verified and imported ${payload.serialNumber} (${payload.productName}), ending ${payload.endsAt}.`);
  out.line(`  Reminders: ${payload.schedule.leadDays.map((d) => `${d}`).join('/')} days before${payload.schedule.dayOf ? ', on the day' : ''}${payload.schedule.expired ? ', once expired' : ''}; next: ${report.nextAlert ? `${report.nextAlert.stage} on ${report.nextAlert.dueOn}` : 'none'}.`);
}
