import { z } from 'zod';
import { ZCalendarDate, ZEmail, ZIdParam, ZPageQuery, ZTimestamp, page } from './common.js';
import { ZSku } from './catalog.js';
import { ZHostId, ZIssuedLicense } from './licenses.js';

/** As the OEM sees a voucher: `expired` is an available voucher past its last day. */
export const ZVoucherState = z.enum(['available', 'redeemed', 'expired', 'void']);
export type TVoucherState = z.infer<typeof ZVoucherState>;

/** `POST /admin/voucher-batches` (SPEC §13). */
export const ZVoucherBatchCreate = z.object({
  oemAccountId: ZIdParam,
  productSku: ZSku,
  count: z.number().int().min(1).max(10_000),
  expiresAt: ZCalendarDate.describe('the last day the vouchers can be redeemed'),
});
export type TVoucherBatchCreate = z.infer<typeof ZVoucherBatchCreate>;

export const ZVoucherBatchCreated = z.object({
  id: z.string(),
  vouchers: z.array(z.string()).describe('the codes, V-XXXX-XXXX-XXXX-XXXX'),
});

export const ZVoucherCounts = z.object({ available: z.number().int(), redeemed: z.number().int(), expired: z.number().int(), void: z.number().int() });

export const ZVoucherBatch = z.object({
  id: z.string(),
  oemAccountId: z.string(),
  oemAccountName: z.string(),
  productSku: z.string(),
  productName: z.string(),
  count: z.number().int(),
  expiresAt: ZCalendarDate,
  createdAt: ZTimestamp,
  voidedAt: ZTimestamp.nullable(),
  counts: ZVoucherCounts,
});
export type TVoucherBatch = z.infer<typeof ZVoucherBatch>;
export const ZVoucherBatchList = page(ZVoucherBatch);
export const ZAdminVoucherBatchListQuery = ZPageQuery.extend({ oemAccountId: ZIdParam.optional() });

export const ZVoucherBatchParams = z.object({ accountId: ZIdParam, batchId: ZIdParam });
export const ZAdminVoucherBatchParams = z.object({ batchId: ZIdParam });

/** The end customer a redemption names: an existing account, or a new one with its contact. */
export const ZEndCustomer = z.union([
  z.object({ accountId: ZIdParam }).strict(),
  z
    .object({
      name: z.string().trim().min(1, 'is required').max(200),
      contact: z.object({ name: z.string().trim().min(1, 'is required').max(200), email: ZEmail }),
    })
    .strict(),
]);
export type TEndCustomer = z.infer<typeof ZEndCustomer>;

export const ZVoucher = z.object({
  id: z.string(),
  code: z.string(),
  batchId: z.string(),
  productSku: z.string(),
  productName: z.string(),
  state: ZVoucherState,
  expiresAt: ZCalendarDate,
  redeemedAt: ZTimestamp.nullable(),
  redeemedBy: z.string().nullable(),
  voidedAt: ZTimestamp.nullable(),
  endCustomer: z.object({ accountId: z.string(), name: z.string() }).nullable(),
  licenseId: z.string().nullable(),
  licenseKey: z.string().nullable().describe('the converted license, for the OEM to hand over'),
});
export type TVoucher = z.infer<typeof ZVoucher>;
export const ZVoucherList = page(ZVoucher);
export const ZVoucherListQuery = ZPageQuery.extend({
  state: ZVoucherState.optional(),
  batchId: ZIdParam.optional(),
});

/** `POST /accounts/{a}/vouchers/redeem`; the code is typed as the customer read it. */
export const ZVoucherRedeem = z.object({
  code: z.string().max(100).describe('V-XXXX-XXXX-XXXX-XXXX; case, spaces and dashes do not matter'),
  endCustomer: ZEndCustomer,
  hostId: ZHostId.optional().describe('required when the product is node-locked'),
});
export type TVoucherRedeem = z.infer<typeof ZVoucherRedeem>;

export const ZVoucherRedemption = z.object({
  voucher: ZVoucher,
  endCustomer: z.object({ accountId: z.string(), name: z.string(), created: z.boolean().describe('a new account was made and its contact invited') }),
  license: ZIssuedLicense,
});
export type TVoucherRedemption = z.infer<typeof ZVoucherRedemption>;

/** Voiding a batch voids its available vouchers; redeemed ones stay redeemed. */
export const ZVoucherBatchVoided = z.object({ id: z.string(), voided: z.number().int(), voidedAt: ZTimestamp });
export const ZVoucherCodeParams = z.object({ code: z.string().max(100) });

/** The end customers this OEM converted vouchers for, to pick one again. */
export const ZEndCustomerList = page(z.object({ accountId: z.string(), name: z.string(), conversions: z.number().int() }));
