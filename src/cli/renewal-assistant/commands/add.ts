import { parseSerialNumber } from '../../../domain/identifiers/index.js';
import { readConfig, requireLogin } from '../config.js';
import { contactsFromFlags, promptContacts, type ContactFlags, type Contacts } from '../contacts.js';
import { contractFromLookup } from '../contract-sources.js';
import type { CommandContext } from '../context.js';
import { dateOf } from '../../../domain/reminders/index.js';
import { CliError } from '../errors.js';
import { formatTable } from '../output.js';
import { lookupContracts, type LookupResult } from '../portal-client.js';
import { contractRows, reportContracts } from '../report.js';
import { withContract, withState, type ClientState, type TrackedContract } from '../state.js';

export interface AddOptions extends ContactFlags {
  /** Never prompt, even at a terminal (flags or nothing). */
  input?: boolean;
}

/** Every serial is checked locally first: one typo stops the command before anything is sent. */
export function parseSerials(inputs: readonly string[]): string[] {
  const faults: string[] = [];
  const serials: string[] = [];
  inputs.forEach((input, i) => {
    const parsed = parseSerialNumber(input, { field: inputs.length > 1 ? `serial ${i + 1} (${input})` : `serial (${input})`, kinds: ['M'] });
    if (parsed.ok) serials.push(parsed.value);
    else faults.push(parsed.message);
  });
  if (faults.length > 0) throw new CliError('invalid_input', faults.join('\n       '), 'nothing was looked up; correct the serial number from the certificate and run the command again');
  return [...new Set(serials)];
}

async function collectContacts(ctx: CommandContext, options: AddOptions, serials: string[]): Promise<Contacts> {
  if (ctx.out.interactive && options.input !== false) return promptContacts(options, serials);
  return contactsFromFlags(options, serials);
}

/**
 * Look the contracts up; where the portal asks for the support registration, ask once for all of
 * them (or take the flags) and look those up again with the contacts. Found contracts are tracked.
 */
export async function runAdd(ctx: CommandContext, inputs: string[], options: AddOptions): Promise<number> {
  const serials = parseSerials(inputs);
  const login = requireLogin(await readConfig(ctx.paths));
  const { out } = ctx;
  const lookup = (list: string[], contacts?: Contacts) =>
    out.busy(`Looking up ${list.length === 1 ? list[0] : `${list.length} contracts`} on the portal`, () => lookupContracts(login, list, contacts), (r) => `Found ${r.filter((x) => x.found).length} of ${list.length}`);

  const results = new Map<string, LookupResult>((await lookup(serials)).map((r) => [r.serialNumber, r]));
  const needing = serials.filter((s) => results.get(s)?.found && results.get(s)?.needsContacts);
  if (needing.length > 0) {
    const contacts = await collectContacts(ctx, options, needing);
    for (const result of await lookup(needing, contacts)) results.set(result.serialNumber, result);
  }

  const now = ctx.now.toISOString();
  const added: TrackedContract[] = [];
  const problems: { serialNumber: string; message: string }[] = [];
  for (const serial of serials) {
    const result = results.get(serial);
    if (!result || !result.found) problems.push({ serialNumber: serial, message: result?.error?.message ?? 'not found: check the serial number, and that the token belongs to the account on the certificate' });
    else if (result.needsContacts) problems.push({ serialNumber: serial, message: result.error?.message ?? 'the portal still asks for the contact information' });
    else added.push(contractFromLookup(result, now));
  }
  let saved: ClientState | undefined;
  if (added.length > 0) {
    saved = await withState(ctx.paths, async (state, save) => {
      let next = state;
      for (const contract of added) {
        const previous = next.contracts.find((c) => c.serialNumber === contract.serialNumber);
        next = withContract(next, previous ? { ...contract, addedAt: previous.addedAt, accountId: previous.accountId } : contract);
      }
      next = { ...next, portalReachedAt: now };
      await save(next);
      return next;
    });
  }

  const today = dateOf(ctx.now);
  if (out.json) {
    out.data({
      added: added.map((c) => ({ serialNumber: c.serialNumber, product: c.productName, startsAt: c.startsAt, endsAt: c.endsAt, state: c.portalState })),
      failed: problems,
    });
  } else {
    if (saved) {
      const serialsAdded = new Set(added.map((c) => c.serialNumber));
      const reports = reportContracts(saved, today).filter((r) => serialsAdded.has(r.serialNumber));
      const table = contractRows(out.paint, reports, today);
      out.line(`${out.paint.green('✔')} Tracking ${added.length} contract${added.length === 1 ? '' : 's'}:`);
      out.line(formatTable(table.headers, table.rows, { right: table.right, paint: out.paint }));
    }
    for (const problem of problems) out.error(`${problem.serialNumber}: ${problem.message}`);
  }
  return problems.length > 0 ? 1 : 0;
}
