import { z } from 'zod';
import { ZCalendarDate, ZIdParam, ZTimestamp, page } from './common.js';
import { ZHostId, ZLicenseFile } from './licenses.js';
import { ZUnit } from './catalog.js';

/** A license key as typed or stored by a product; checked (Luhn mod 32) by the service, which names the fault. */
export const ZLicenseKeyInput = z.string().max(100).describe('5 groups of 5 characters, e.g. 7QK2M-ZD4HX-A0P3R-W8N6T-JB5CN');

/** `POST /activations` (SPEC §12): a product claims a seat of its license for this host. */
export const ZActivationRequest = z.object({
  licenseKey: ZLicenseKeyInput,
  hostId: ZHostId,
  hostName: z.string().trim().min(1).max(200).optional(),
});
export type TActivationRequest = z.infer<typeof ZActivationRequest>;

/** The activation and its host-bound license file; the same host activating again gets the same answer. */
export const ZActivationResult = z.object({ activationId: z.string(), licenseFile: ZLicenseFile });
export type TActivationResult = z.infer<typeof ZActivationResult>;

/** `DELETE /activations/{id}`: the product proves it holds the key; a signed-in user of the account needs no body. */
export const ZDeactivationRequest = z.object({ licenseKey: ZLicenseKeyInput }).partial();
export const ZActivationParams = z.object({ activationId: ZIdParam });

/**
 * The outcomes of `POST /validate`, checked in this order: NOT_FOUND, REVOKED (revoked or
 * retired), NOT_YET_VALID (a term that starts later), EXPIRED, HOST_MISMATCH (node-locked to another
 * host, or no host sent for a node-locked license), NOT_ACTIVATED (a per-server license asked about a
 * host that holds no activation), VALID.
 */
export const ZValidationCode = z.enum(['VALID', 'EXPIRED', 'REVOKED', 'NOT_FOUND', 'HOST_MISMATCH', 'NOT_ACTIVATED', 'NOT_YET_VALID']);
export type TValidationCode = z.infer<typeof ZValidationCode>;

export const ZValidateRequest = z.object({ licenseKey: ZLicenseKeyInput, hostId: ZHostId.optional() });
export type TValidateRequest = z.infer<typeof ZValidateRequest>;

/** What a product may show about its license; null when the key is unknown. */
export const ZValidatedLicense = z.object({
  id: z.string(),
  productSku: z.string(),
  productName: z.string(),
  version: z.string(),
  unit: ZUnit,
  quantity: z.number().int(),
  features: z.array(z.string()),
  hostId: z.string().nullable(),
  notBefore: ZTimestamp,
  maintenanceEndsAt: ZCalendarDate.nullable(),
});

/** Always 200 for a well-formed request: the outcome is in `code`. */
export const ZValidateResult = z.object({
  valid: z.boolean(),
  code: ZValidationCode,
  license: ZValidatedLicense.nullable(),
  expiresAt: ZCalendarDate.nullable().describe('the last day the license is valid; null when it does not expire'),
});
export type TValidateResult = z.infer<typeof ZValidateResult>;

export const ZActivation = z.object({
  id: z.string(),
  licenseId: z.string(),
  hostId: z.string(),
  hostName: z.string().nullable(),
  source: z.enum(['online', 'offline']),
  activatedAt: ZTimestamp,
});
export type TActivation = z.infer<typeof ZActivation>;
export const ZActivationList = page(ZActivation);

/** The request file a product writes when it cannot reach the portal; a person uploads it on the license page. */
export const OFFLINE_ACTIVATION_REQUEST_FORMAT = 'lp-activation-request-1';
export const ZOfflineActivationRequest = z.object({
  format: z.literal(OFFLINE_ACTIVATION_REQUEST_FORMAT),
  licenseKey: ZLicenseKeyInput,
  hostId: ZHostId,
  hostName: z.string().trim().min(1).max(200).optional(),
});
export type TOfflineActivationRequest = z.infer<typeof ZOfflineActivationRequest>;
