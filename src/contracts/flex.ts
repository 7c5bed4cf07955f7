import { z } from 'zod';
import { ZCalendarDate, ZIdParam, ZPageQuery, ZTimestamp, page } from './common.js';
import { ZSku, ZUnit } from './catalog.js';
import { ZHostId, ZIssuedLicense } from './licenses.js';

/** Units are whole servers, sockets, TB or users; a pool holds at most a million of them. */
const ZUnits = z.number().int().min(1).max(1_000_000);

/** `POST /admin/flex-contracts` (SPEC §13): an account, a term and a pool per product. */
export const ZFlexContractCreate = z.object({
  accountId: ZIdParam.describe('the customer account that draws down'),
  startsAt: ZCalendarDate.describe('first day of the term'),
  endsAt: ZCalendarDate.describe('last day of the term'),
  pool: z.array(z.object({ productSku: ZSku, units: ZUnits })).min(1, 'name at least one product').max(100),
});
export type TFlexContractCreate = z.infer<typeof ZFlexContractCreate>;

export const ZFlexContractCreated = z.object({ id: z.string(), serialNumber: z.string() });

/** `scheduled` before its first day, `active` through its last, `ended` after. */
export const ZFlexContractState = z.enum(['scheduled', 'active', 'ended']);
export type TFlexContractState = z.infer<typeof ZFlexContractState>;

export const ZFlexPool = z.object({
  productSku: z.string(),
  productName: z.string(),
  unit: ZUnit,
  nodeLocked: z.boolean().describe('a draw-down of this product needs a host ID'),
  units: z.number().int().describe('bought under the contract'),
  remaining: z.number().int().describe('still to draw down'),
});
export type TFlexPool = z.infer<typeof ZFlexPool>;

export const ZFlexContract = z.object({
  id: z.string(),
  serialNumber: z.string().describe('E… printed on the contract'),
  accountId: z.string(),
  accountName: z.string(),
  startsAt: ZCalendarDate,
  endsAt: ZCalendarDate,
  state: ZFlexContractState,
  pools: z.array(ZFlexPool),
  createdAt: ZTimestamp,
});
export type TFlexContract = z.infer<typeof ZFlexContract>;

export const ZFlexContractList = page(ZFlexContract);
export const ZFlexContractListQuery = ZPageQuery;
export const ZAdminFlexContractListQuery = ZPageQuery.extend({ accountId: ZIdParam.optional() });

/** `{contractId}` is the contract's id or its serial number (E…). */
export const ZFlexContractParams = z.object({ accountId: ZIdParam, contractId: ZIdParam });

/** `POST …/flex-contracts/{id}/draw-downs`. */
export const ZDrawDownCreate = z.object({
  productSku: ZSku,
  quantity: ZUnits,
  hostId: ZHostId.optional().describe('required for node-locked products'),
});
export type TDrawDownCreate = z.infer<typeof ZDrawDownCreate>;

export const ZDrawDownResult = z.object({
  id: z.string().describe('the ledger entry'),
  contractId: z.string(),
  productSku: z.string(),
  quantity: z.number().int(),
  remaining: z.number().int().describe("the pool's units left after this draw-down"),
  license: ZIssuedLicense,
});
export type TDrawDownResult = z.infer<typeof ZDrawDownResult>;

/** `POST …/flex-contracts/{id}/returns`: gives units back by retiring (part of) a drawn license. */
export const ZFlexReturnCreate = z.object({
  licenseId: ZIdParam.describe('a license drawn down from this contract'),
  quantity: ZUnits.describe('at most the license quantity; the rest stays licensed under a new key'),
});
export type TFlexReturnCreate = z.infer<typeof ZFlexReturnCreate>;

export const ZFlexReturnResult = z.object({
  id: z.string().describe('the ledger entry'),
  contractId: z.string(),
  productSku: z.string(),
  quantity: z.number().int(),
  remaining: z.number().int(),
  retiredLicenseId: z.string(),
  license: ZIssuedLicense.nullable().describe('for a partial return: the license for the units kept'),
});
export type TFlexReturnResult = z.infer<typeof ZFlexReturnResult>;

export const ZFlexLedgerEntry = z.object({
  id: z.string(),
  kind: z.enum(['draw_down', 'return']),
  productSku: z.string(),
  quantity: z.number().int(),
  licenseId: z.string(),
  replacementLicenseId: z.string().nullable(),
  hostId: z.string().nullable(),
  by: z.string().describe('who drew down or returned'),
  at: ZTimestamp,
  returnable: z
    .object({ licenseId: z.string(), licenseKey: z.string(), quantity: z.number().int() })
    .nullable()
    .describe('the license of this entry that is still active, whose units may be returned'),
});
export type TFlexLedgerEntry = z.infer<typeof ZFlexLedgerEntry>;
export const ZFlexLedger = page(ZFlexLedgerEntry);
export const ZFlexLedgerQuery = ZPageQuery;

/** `GET …/usage`: per product and month (`YYYY-MM`, UTC), drawn, returned and their difference. */
export const ZFlexUsageRow = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  productSku: z.string(),
  productName: z.string(),
  drawn: z.number().int(),
  returned: z.number().int(),
  net: z.number().int(),
});
export type TFlexUsageRow = z.infer<typeof ZFlexUsageRow>;

/** A report, not a paged list: every row in one answer, `nextCursor` always null. */
export const ZFlexUsage = z.object({
  contractId: z.string(),
  serialNumber: z.string(),
  items: z.array(ZFlexUsageRow),
  nextCursor: z.null(),
});
export type TFlexUsage = z.infer<typeof ZFlexUsage>;
export const ZFlexUsageQuery = z.object({ format: z.enum(['json', 'csv']).optional() });
