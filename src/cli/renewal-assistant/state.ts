import { z } from 'zod';
import { ZReminderSchedule } from '../../contracts/contracts.js';
import { readJsonFile, removeStaleTemporaries, writeFileAtomic } from './atomic-file.js';
import { CliError } from './errors.js';
import type { ClientPaths } from './paths.js';
import type { PlannedContract } from './alert-plan.js';
import { withStateLock } from './state-lock.js';

/** Where a tracked contract came from: shown by `list`, and only `portal` ones are refreshed. */
export const ZContractSource = z.enum(['portal', 'file', 'manual']);
export type ContractSource = z.infer<typeof ZContractSource>;

export const ZTrackedContract = z.object({
  serialNumber: z.string(),
  source: ZContractSource,
  productSku: z.string().nullable(),
  productName: z.string().nullable(),
  startsAt: z.string().nullable(),
  endsAt: z.string(),
  /** The state the portal last reported (`renewed` stops the alerts); null when not from the portal. */
  portalState: z.string().nullable(),
  schedule: ZReminderSchedule,
  manualAlertOn: z.string().nullable(),
  accountId: z.string().nullable(),
  addedAt: z.string(),
  /** When the portal or a file last confirmed these dates. */
  confirmedAt: z.string().nullable(),
});
export type TrackedContract = z.infer<typeof ZTrackedContract>;

/** Where a raised alert still has to go; a delivery leaves the list once it has succeeded. */
export const ZDelivery = z.enum(['log', 'webhook', 'email']);
export type Delivery = z.infer<typeof ZDelivery>;

export const ZRaisedAlert = z.object({
  id: z.string(),
  serialNumber: z.string(),
  stage: z.string(),
  endsAt: z.string(),
  dueOn: z.string(),
  raisedAt: z.string(),
  message: z.string(),
  pending: z.array(ZDelivery),
  lastError: z.string().nullable(),
});
export type RaisedAlert = z.infer<typeof ZRaisedAlert>;

export const ZClientState = z.object({
  version: z.literal(1),
  contracts: z.array(ZTrackedContract),
  alerts: z.array(ZRaisedAlert),
  /** The last time a lookup reached the portal, for "working from local state since …". */
  portalReachedAt: z.string().nullable(),
});
export type ClientState = z.infer<typeof ZClientState>;

export const emptyState = (): ClientState => ({ version: 1, contracts: [], alerts: [], portalReachedAt: null });

export async function readState(paths: ClientPaths): Promise<ClientState> {
  const raw = await readJsonFile(paths.stateFile);
  if (raw === undefined) return emptyState();
  const parsed = ZClientState.safeParse(raw);
  if (!parsed.success) {
    throw new CliError('state_damaged', `${paths.stateFile} does not hold a state this version understands`, 'restore it from a backup, or move it away to start afresh');
  }
  return parsed.data;
}

export async function writeState(paths: ClientPaths, state: ClientState): Promise<void> {
  await writeFileAtomic(paths.stateFile, `${JSON.stringify(state, null, 2)}\n`);
}

/**
 * Read, change and write the state as one step under the state lock. `change` may call `save`
 * more than once (e.g. before and after delivering alerts), each save being atomic on its own.
 */
export async function withState<T>(paths: ClientPaths, change: (state: ClientState, save: (next: ClientState) => Promise<void>) => Promise<T>): Promise<T> {
  return withStateLock(paths.lockFile, async () => {
    await removeStaleTemporaries(paths.stateFile);
    const state = await readState(paths);
    return change(state, (next) => writeState(paths, next));
  });
}

export function planned(contract: TrackedContract): PlannedContract & { productName: string | null } {
  return {
    serialNumber: contract.serialNumber,
    endsAt: contract.endsAt,
    schedule: contract.schedule,
    manualAlertOn: contract.manualAlertOn,
    isRenewed: contract.portalState === 'renewed',
    productName: contract.productName,
  };
}

/** The state with `contract` in place of any contract with the same serial number. */
export function withContract(state: ClientState, contract: TrackedContract): ClientState {
  const others = state.contracts.filter((c) => c.serialNumber !== contract.serialNumber);
  return { ...state, contracts: [...others, contract].sort((a, b) => a.serialNumber.localeCompare(b.serialNumber)) };
}

export function raisedIds(state: ClientState): Set<string> {
  return new Set(state.alerts.map((a) => a.id));
}
