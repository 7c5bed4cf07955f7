import type { TVoucher, TVoucherBatch } from '../../../contracts/vouchers.js';
import type { BatchRow, StateCount, VoucherRow } from './vouchers.repository.js';

export function toVoucherView(row: VoucherRow): TVoucher {
  return {
    id: row.id,
    code: row.code,
    batchId: row.batch_id,
    productSku: row.sku,
    productName: row.product_name,
    state: row.derived_state,
    expiresAt: row.expires_at,
    redeemedAt: row.redeemed_at,
    redeemedBy: row.redeemed_by,
    voidedAt: row.voided_at,
    endCustomer: row.end_customer_account_id ? { accountId: row.end_customer_account_id, name: row.end_customer_name ?? '' } : null,
    licenseId: row.license_id,
    licenseKey: row.license_key,
  };
}

export function toBatchView(row: BatchRow, counts: StateCount[]): TVoucherBatch {
  const mine = counts.filter((c) => c.batch_id === row.id);
  const count = (state: StateCount['state']) => Number(mine.find((c) => c.state === state)?.count ?? 0);
  return {
    id: row.id,
    oemAccountId: row.oem_account_id,
    oemAccountName: row.oem_account_name,
    productSku: row.sku,
    productName: row.product_name,
    count: row.count,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    voidedAt: row.voided_at,
    counts: { available: count('available'), redeemed: count('redeemed'), expired: count('expired'), void: count('void') },
  };
}
