import { signDocument, type SignedDocument, type SigningKey } from './signed-document.js';

/** SPEC §11: the format marker of signed maintenance contract files. */
export const CONTRACT_FILE_FORMAT = 'lp-contract-1';

/** The reminder schedule the account chose, so a client can plan every reminder offline. */
export type ContractSchedule = {
  /** Days before `endsAt` a reminder fires, e.g. [90, 60, 30]. */
  leadDays: number[];
  /** Also remind on the end date itself. */
  dayOf: boolean;
  /** Also send a notice once the contract has expired. */
  expired: boolean;
};

export type ContractPayload = {
  /** Always `maintenance-contract` in files this portal signs (stamped by `signContractFile`). */
  kind?: 'maintenance-contract';
  serialNumber: string;
  accountId: string;
  productSku: string;
  productName: string;
  /** Calendar dates, `YYYY-MM-DD`. */
  startsAt: string;
  endsAt: string;
  schedule: ContractSchedule;
  /** UTC timestamp, ISO 8601 with `Z`. */
  issuedAt: string;
};

export type ContractFile = SignedDocument<typeof CONTRACT_FILE_FORMAT, ContractPayload>;

function assertSchedule(schedule: ContractSchedule): void {
  const ok =
    Array.isArray(schedule.leadDays) &&
    schedule.leadDays.every((d) => Number.isSafeInteger(d) && d > 0) &&
    typeof schedule.dayOf === 'boolean' &&
    typeof schedule.expired === 'boolean';
  if (!ok)
    throw new TypeError('contract payload: schedule must be { leadDays: positive integers, dayOf, expired }');
}

/** Sign a maintenance contract file with the license file scheme. The payload is stamped `kind`. */
export function signContractFile(payload: ContractPayload, key: SigningKey): ContractFile {
  assertSchedule(payload.schedule);
  if (payload.kind !== undefined && payload.kind !== 'maintenance-contract') {
    throw new TypeError('contract payload: kind must be "maintenance-contract"');
  }
  return signDocument(CONTRACT_FILE_FORMAT, { ...payload, kind: 'maintenance-contract' as const }, key);
}
