import { DEFAULT_SCHEDULE, isCalendarDate } from '../../domain/reminders/index.js';
import { CliError } from './errors.js';
import type { ContractPayload } from '../../domain/signing/index.js';
import type { LookupResult } from './portal-client.js';
import type { ClientState, TrackedContract } from './state.js';

/**
 * The three ways a contract comes to be tracked (SPEC §11): looked up on the portal, imported
 * from a signed contract file, or entered by hand from the purchase certificate.
 */

export function contractFromLookup(result: LookupResult, now: string, previous?: TrackedContract): TrackedContract {
  if (!result.endsAt || !isCalendarDate(result.endsAt)) {
    throw new CliError('portal_error', `the portal gave no end date for ${result.serialNumber}`);
  }
  return {
    serialNumber: result.serialNumber,
    source: 'portal',
    productSku: result.product?.sku ?? null,
    productName: result.product?.name ?? null,
    startsAt: result.startsAt,
    endsAt: result.endsAt,
    portalState: result.state,
    schedule: result.schedule ?? previous?.schedule ?? { ...DEFAULT_SCHEDULE, leadDays: [...DEFAULT_SCHEDULE.leadDays] },
    manualAlertOn: null,
    accountId: previous?.accountId ?? null,
    addedAt: previous?.addedAt ?? now,
    confirmedAt: now,
  };
}

export function contractFromFile(payload: ContractPayload, now: string, previous?: TrackedContract): TrackedContract {
  return {
    serialNumber: payload.serialNumber,
    source: 'file',
    productSku: payload.productSku,
    productName: payload.productName,
    startsAt: payload.startsAt,
    endsAt: payload.endsAt,
    portalState: null,
    schedule: payload.schedule,
    manualAlertOn: null,
    accountId: payload.accountId,
    addedAt: previous?.addedAt ?? now,
    confirmedAt: payload.issuedAt,
  };
}

export function manualContract(input: { serialNumber: string; endsAt: string; alertOn: string }, now: string): TrackedContract {
  return {
    serialNumber: input.serialNumber,
    source: 'manual',
    productSku: null,
    productName: null,
    startsAt: null,
    endsAt: input.endsAt,
    portalState: null,
    schedule: { leadDays: [], dayOf: false, expired: false },
    manualAlertOn: input.alertOn,
    accountId: null,
    addedAt: now,
    confirmedAt: null,
  };
}

/**
 * Apply a refresh: each contract the portal found takes the portal's dates (a renewal in place
 * moves `endsAt`, which re-plans its alerts); one it did not find keeps its local dates.
 */
export function applyLookups(state: ClientState, results: readonly LookupResult[], now: string): { state: ClientState; missing: string[] } {
  const bySerial = new Map(results.map((r) => [r.serialNumber, r]));
  const missing: string[] = [];
  const contracts = state.contracts.map((contract) => {
    if (contract.source !== 'portal') return contract;
    const result = bySerial.get(contract.serialNumber);
    if (!result?.found || !result.endsAt) {
      missing.push(contract.serialNumber);
      return contract;
    }
    return contractFromLookup(result, now, contract);
  });
  return { state: { ...state, contracts, portalReachedAt: now }, missing };
}
