/** A batch of vouchers the vendor made for an OEM account (SPEC §9). */
export interface VoucherBatchesTable {
  id: string;
  oem_account_id: string;
  product_id: string;
  count: number;
  /** The last calendar day on which its vouchers can be redeemed. */
  expires_at: string;
  created_at: string;
  voided_at: string | null;
}

/** Stored states; `expired` is derived from `expires_at` and never stored. */
export type StoredVoucherState = 'available' | 'redeemed' | 'void';

export interface VouchersTable {
  id: string;
  batch_id: string;
  oem_account_id: string;
  /** Canonical `V-XXXX-XXXX-XXXX-XXXX`. */
  code: string;
  state: StoredVoucherState;
  expires_at: string;
  redeemed_at: string | null;
  redeemed_by: string | null;
  end_customer_account_id: string | null;
  license_id: string | null;
  voided_at: string | null;
}

export interface VouchersTables {
  voucher_batches: VoucherBatchesTable;
  vouchers: VouchersTable;
}
