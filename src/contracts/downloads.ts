import { z } from 'zod';
import { ZIdParam, ZPageQuery, ZTimestamp, page } from './common.js';

/** `POST /admin/releases`: a published build of a product (SPEC §10). */
export const ZReleaseCreate = z.object({
  productSku: z.string().trim().min(1).max(64),
  version: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/, 'letters, digits, ".", "_", "+" and "-" only')
    .describe("the build's own label, e.g. 22.3.1"),
  notes: z.string().max(20_000).default('').describe('release notes, plain text or Markdown'),
});
export type TReleaseCreate = z.infer<typeof ZReleaseCreate>;
export const ZReleaseCreated = z.object({ id: z.string() });

/** A file name as shown and saved by browsers: no path, no control characters. */
export const ZReleaseFileName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._+-]*$/, 'letters, digits, ".", "_", "+" and "-" only; no path');

export const ZReleaseFileParams = z.object({ id: ZIdParam, name: ZReleaseFileName });
/** `PUT /admin/releases/{id}/files/{name}` answers what was stored, measured while streaming. */
export const ZReleaseFileStored = z.object({
  id: z.string(),
  size: z.number().int().describe('bytes'),
  sha256: z.string().describe('lower-case hex'),
});

export const ZReleaseFile = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  contentType: z.string(),
  updatedAt: ZTimestamp,
});
export type TReleaseFile = z.infer<typeof ZReleaseFile>;

export const ZRelease = z.object({
  id: z.string(),
  productSku: z.string(),
  productName: z.string(),
  productLine: z.string(),
  productVersion: z.string().describe("the catalog version of the product, e.g. 23: what licenses are held for"),
  version: z.string(),
  notes: z.string(),
  createdAt: ZTimestamp,
  files: z.array(ZReleaseFile),
});
export type TRelease = z.infer<typeof ZRelease>;
export const ZReleaseList = page(ZRelease);
export const ZReleaseListQuery = ZPageQuery.extend({ product: z.string().max(64).optional().describe('a product SKU') });

/**
 * Why an account may download a release: `licensed` (a license for this product version or a
 * higher one of the line) or `maintenance` (a newer version, while maintenance on the line is active).
 */
export const ZDownloadAccess = z.enum(['licensed', 'maintenance']);
export const ZDownloadRelease = ZRelease.extend({ access: ZDownloadAccess });
export type TDownloadRelease = z.infer<typeof ZDownloadRelease>;
export const ZDownloadList = page(ZDownloadRelease);
export const ZDownloadListQuery = ZPageQuery.extend({ product: z.string().max(64).optional().describe('a product SKU') });

export const ZDownloadLinkParams = z.object({ accountId: ZIdParam, fileId: ZIdParam });
/** A short-lived signed link; `url` is absolute and clients follow it as given. */
export const ZDownloadLink = z.object({ url: z.string(), expiresAt: ZTimestamp });
export type TDownloadLink = z.infer<typeof ZDownloadLink>;
