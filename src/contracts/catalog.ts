import { z } from 'zod';
import { ZPageQuery, ZTimestamp, page } from './common.js';

export const ZLicenseModel = z.enum(['perpetual', 'subscription']);
export type TLicenseModel = z.infer<typeof ZLicenseModel>;

/** What a license counts: servers, CPU sockets, terabytes or users. */
export const ZUnit = z.enum(['server', 'socket', 'TB', 'user']);
export type TUnit = z.infer<typeof ZUnit>;

/** A SKU as printed on certificates and typed in CSV files: letters, digits, `-`, `_`, `.`. */
export const ZSku = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only');

const ZFeature = z.string().trim().min(1).max(64);

/** `POST /admin/products` (SPEC §3). */
export const ZProductCreate = z.object({
  sku: ZSku,
  name: z.string().trim().min(1).max(200),
  productLine: z.string().trim().min(1).max(200).describe('e.g. "Vault Backup"; versions of one line upgrade into each other'),
  version: z.string().trim().min(1).max(40),
  edition: z.string().trim().min(1).max(100).optional(),
  licenseModel: ZLicenseModel,
  unit: ZUnit,
  features: z.array(ZFeature).max(100).optional(),
  nodeLocked: z.boolean().optional().describe('licenses are bound to a host ID given at Get a Key'),
  rehostsPerYear: z.number().int().min(0).max(1000).optional().describe('re-hosts allowed in any 365 days (node-locked only)'),
});
export type TProductCreate = z.infer<typeof ZProductCreate>;

export const ZProductCreated = z.object({ id: z.string(), sku: z.string() });

export const ZProduct = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  productLine: z.string(),
  version: z.string(),
  edition: z.string().nullable(),
  licenseModel: ZLicenseModel,
  unit: ZUnit,
  features: z.array(z.string()),
  nodeLocked: z.boolean(),
  rehostsPerYear: z.number().int(),
  createdAt: ZTimestamp,
});
export type TProduct = z.infer<typeof ZProduct>;

export const ZProductList = page(ZProduct);
export const ZProductListQuery = ZPageQuery.extend({
  q: z.string().max(200).optional().describe('part of the SKU or name'),
  productLine: z.string().max(200).optional(),
});
