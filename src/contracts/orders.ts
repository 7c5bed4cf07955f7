import { z } from 'zod';
import { ZCalendarDate, ZIdParam, ZPageQuery, ZTimestamp, page } from './common.js';
import { ZErrorDetail } from './errors.js';
import { ZLicenseModel, ZSku } from './catalog.js';

/** A maintenance (or, for subscriptions, subscription) term: calendar dates, both inclusive. */
export const ZMaintenanceTerm = z.object({ startsAt: ZCalendarDate, endsAt: ZCalendarDate });
export type TMaintenanceTerm = z.infer<typeof ZMaintenanceTerm>;

export const ZOrderLineInput = z.object({
  productSku: ZSku,
  quantity: z.number().int().min(1).max(1_000_000),
  maintenance: ZMaintenanceTerm.optional().describe('required for subscription products: it is also the subscription term'),
  keyOnCertificate: z.boolean().optional().describe('print the license key on the certificate'),
});
export type TOrderLineInput = z.infer<typeof ZOrderLineInput>;

/** `POST /admin/orders` (SPEC §13). */
export const ZOrderCreate = z.object({
  accountId: z.string().min(1).max(100),
  partnerAccountId: z.string().min(1).max(100).optional().describe('the partner that sold it; delegated to the customer'),
  reference: z.string().trim().min(1).max(100).optional().describe("the vendor's order reference (PO); unique"),
  lines: z.array(ZOrderLineInput).min(1).max(500),
});
export type TOrderCreate = z.infer<typeof ZOrderCreate>;

/** One certificate line: what a serial number entitles to. Absent values are null. */
export const ZCertificateLine = z.object({
  serialNumber: z.string(),
  productSku: z.string(),
  productName: z.string(),
  licenseModel: ZLicenseModel.describe('for a subscription the term is the subscription\'s'),
  quantity: z.number().int(),
  maintenanceSerialNumber: z.string().nullable(),
  maintenanceStartsAt: ZCalendarDate.nullable(),
  maintenanceEndsAt: ZCalendarDate.nullable(),
  licenseKey: z.string().nullable().describe('only when printed on the certificate'),
  registeredAt: ZTimestamp.nullable(),
});
export type TCertificateLine = z.infer<typeof ZCertificateLine>;

export const ZCertificate = z.object({
  id: z.string(),
  orderId: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  partnerAccountId: z.string().nullable(),
  issuedAt: ZTimestamp,
  lines: z.array(ZCertificateLine),
});
export type TCertificate = z.infer<typeof ZCertificate>;
export const ZCertificateList = page(ZCertificate);

export const ZOrderCreated = z.object({ id: z.string(), certificate: ZCertificate });
export type TOrderCreated = z.infer<typeof ZOrderCreated>;

export const ZOrder = z.object({
  id: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  partnerAccountId: z.string().nullable(),
  reference: z.string().nullable(),
  source: z.enum(['api', 'import']),
  certificateId: z.string(),
  lineCount: z.number().int(),
  createdAt: ZTimestamp,
});
export type TOrder = z.infer<typeof ZOrder>;
export const ZOrderList = page(ZOrder);
export const ZOrderListQuery = ZPageQuery.extend({ accountId: z.string().max(100).optional() });

export const ZCertificateParams = z.object({ id: ZIdParam });
export const ZAccountCertificateParams = z.object({ accountId: ZIdParam, id: ZIdParam });

/**
 * The CSV columns of `POST /admin/orders/import`, one order of one line per row
 * (docs/orders-import.md).
 */
export const ORDER_IMPORT_COLUMNS = [
  'reference',
  'accountId',
  'partnerAccountId',
  'productSku',
  'quantity',
  'maintenanceStartsAt',
  'maintenanceEndsAt',
  'keyOnCertificate',
] as const;

/** `row` counts the header as row 1, like a spreadsheet; a rejected row changed nothing. */
export const ZOrderImportReport = z.object({
  imported: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), errors: z.array(ZErrorDetail) })),
});
export type TOrderImportReport = z.infer<typeof ZOrderImportReport>;
