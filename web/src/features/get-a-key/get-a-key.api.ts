import { api } from '../../api/client';
import { path } from '../../api/endpoints/path';
import type { TGetAKeyLookupResult, TGetAKeyRequest, TGetAKeyResult } from '../../../../src/contracts/get-a-key';

export type LookupResult = TGetAKeyLookupResult;
export type GetAKeyResult = TGetAKeyResult;

export const lookupSerial = (accountId: string, serialNumber: string) =>
  api.post<LookupResult>(path`/accounts/${accountId}/get-a-key/lookup`, { serialNumber });

/** Registers the serial and issues its licenses; the key makes a retried click harmless. */
export const getAKey = (accountId: string, body: TGetAKeyRequest, idempotencyKey: string) =>
  api.post<GetAKeyResult>(path`/accounts/${accountId}/get-a-key`, body, { 'Idempotency-Key': idempotencyKey });
