import { z } from 'zod';
import { ZCalendarDate, ZIdParam, ZTimestamp } from './common.js';
import { ZLicenseModel, ZUnit } from './catalog.js';

/** A host ID as the product reports it (MAC, machine GUID, …): printable, no surrounding spaces. */
export const ZHostId = z
  .string()
  .trim()
  .min(1, 'enter the host ID that the product shows')
  .max(200)
  .regex(/^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/, 'printable characters only');

export const ZLicenseStatus = z.enum(['active', 'revoked', 'retired']);
export const ZLicenseSource = z.enum(['get_a_key', 'rehost', 'upgrade', 'draw_down', 'voucher']);

/** The signed license file of SPEC §4, as served (docs/license-files.md). */
export const ZLicenseFile = z.object({
  format: z.literal('lp-license-1'),
  payload: z.record(z.string(), z.unknown()),
  kid: z.string(),
  signature: z.string().describe('base64url Ed25519 signature of the RFC 8785 bytes of payload'),
});

export const ZLicense = z.object({
  id: z.string(),
  accountId: z.string(),
  licenseKey: z.string(),
  productSku: z.string(),
  productName: z.string(),
  productLine: z.string(),
  version: z.string(),
  edition: z.string().nullable(),
  licenseModel: ZLicenseModel,
  unit: ZUnit,
  quantity: z.number().int(),
  features: z.array(z.string()),
  nodeLocked: z.boolean(),
  hostId: z.string().nullable(),
  notBefore: ZTimestamp,
  expiresAt: ZCalendarDate.nullable().describe('the last day it is valid; null for perpetual licenses'),
  maintenanceEndsAt: ZCalendarDate.nullable(),
  status: ZLicenseStatus,
  source: ZLicenseSource,
  serialNumber: z.string().nullable().describe('the certificate serial it was issued for'),
  replacesLicenseId: z.string().nullable(),
  issuedAt: ZTimestamp,
  revokedAt: ZTimestamp.nullable(),
});
export type TLicense = z.infer<typeof ZLicense>;

/** A license as handed over at issue: with its file, so the key and file show at once. */
export const ZIssuedLicense = ZLicense.extend({ file: ZLicenseFile });
export type TIssuedLicense = z.infer<typeof ZIssuedLicense>;

export const ZLicenseParams = z.object({ accountId: ZIdParam, licenseId: ZIdParam });

/** `POST /accounts/{a}/licenses/{id}/rehost`: moves a node-locked license to another host. */
export const ZRehostBody = z.object({ hostId: ZHostId });
export const ZRehostResult = z.object({
  license: ZIssuedLicense,
  revokedLicenseId: z.string(),
  rehostsLeft: z.number().int().describe('re-hosts still allowed in the current 365 days'),
});

/** `GET /signing-keys`: the public keys that verify license and contract files. */
export const ZJwks = z.object({
  keys: z.array(
    z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string(), alg: z.literal('EdDSA'), use: z.literal('sig') }),
  ),
});
export const ZSigningKeyRotated = z.object({ kid: z.string(), previousKid: z.string().nullable() });
