import { api, buildUrl } from '../../api/client';
import { path } from '../../api/endpoints/path';
import type { Page } from '../../api/types';
import type {
  TDrawDownCreate,
  TDrawDownResult,
  TFlexContract,
  TFlexLedgerEntry,
  TFlexPool,
  TFlexReturnCreate,
  TFlexReturnResult,
  TFlexUsage,
} from '../../../../src/contracts/flex';

export type FlexContract = TFlexContract;
export type FlexPool = TFlexPool;
export type FlexLedgerEntry = TFlexLedgerEntry;
export type FlexUsage = TFlexUsage;
export type DrawDownRequest = TDrawDownCreate;
export type DrawDownResult = TDrawDownResult;
export type ReturnRequest = TFlexReturnCreate;
export type ReturnResult = TFlexReturnResult;

export const listFlexContracts = (accountId: string, cursor: string | undefined, signal: AbortSignal) =>
  api.get<Page<FlexContract>>(path`/accounts/${accountId}/flex-contracts`, { cursor }, signal);

export const listLedger = (
  accountId: string,
  contractId: string,
  cursor: string | undefined,
  signal: AbortSignal,
) =>
  api.get<Page<FlexLedgerEntry>>(
    path`/accounts/${accountId}/flex-contracts/${contractId}/ledger`,
    { cursor },
    signal,
  );

export const getUsage = (accountId: string, contractId: string, signal: AbortSignal) =>
  api.get<FlexUsage>(path`/accounts/${accountId}/flex-contracts/${contractId}/usage`, undefined, signal);

export const drawDown = (accountId: string, contractId: string, body: DrawDownRequest) =>
  api.post<DrawDownResult>(path`/accounts/${accountId}/flex-contracts/${contractId}/draw-downs`, body);

export const returnUnits = (accountId: string, contractId: string, body: ReturnRequest) =>
  api.post<ReturnResult>(path`/accounts/${accountId}/flex-contracts/${contractId}/returns`, body);

/** Plain links: the browser sends the session cookie and saves the answer as a file. */
export const usageCsvUrl = (accountId: string, contractId: string) =>
  buildUrl(path`/accounts/${accountId}/flex-contracts/${contractId}/usage.csv`);
