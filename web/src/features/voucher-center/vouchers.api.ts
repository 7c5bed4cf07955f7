import { api, buildUrl } from '../../api/client';
import { path } from '../../api/endpoints/path';
import type { Page } from '../../api/types';
import type {
  TVoucher,
  TVoucherBatch,
  TVoucherRedeem,
  TVoucherRedemption,
  TVoucherState,
} from '../../../../src/contracts/vouchers';

export type Voucher = TVoucher;
export type VoucherBatch = TVoucherBatch;
export type VoucherState = TVoucherState;
export type RedeemRequest = TVoucherRedeem;
export type Redemption = TVoucherRedemption;
export interface EndCustomer {
  accountId: string;
  name: string;
  conversions: number;
}

export const listBatches = (accountId: string, cursor: string | undefined, signal: AbortSignal) =>
  api.get<Page<VoucherBatch>>(path`/accounts/${accountId}/voucher-batches`, { cursor }, signal);

export const listVouchers = (
  accountId: string,
  state: VoucherState | undefined,
  cursor: string | undefined,
  signal: AbortSignal,
) => api.get<Page<Voucher>>(path`/accounts/${accountId}/vouchers`, { state, cursor }, signal);

export const listEndCustomers = (accountId: string, cursor: string | undefined, signal: AbortSignal) =>
  api.get<Page<EndCustomer>>(path`/accounts/${accountId}/voucher-end-customers`, { cursor }, signal);

export const redeemVoucher = (accountId: string, body: RedeemRequest) =>
  api.post<Redemption>(path`/accounts/${accountId}/vouchers/redeem`, body);

/** The printable sheet and the spreadsheet of a batch: plain links the browser saves. */
export const batchFileUrl = (accountId: string, batchId: string, format: 'pdf' | 'csv') =>
  buildUrl(`${path`/accounts/${accountId}/voucher-batches/${batchId}`}.${format}`);
