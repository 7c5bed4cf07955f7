import { z } from 'zod';
import { ZCalendarDate, ZEmail, ZIdParam, ZPageQuery, page } from './common.js';
import { ZRegistration } from './get-a-key.js';

/** SPEC §11: derived from the dates, and from being superseded by a newer contract. */
export const ZMaintenanceContractState = z.enum(['active', 'expiring', 'expired', 'renewed']);
export type TMaintenanceContractState = z.infer<typeof ZMaintenanceContractState>;

export const ZReminderSchedule = z.object({
  leadDays: z.array(z.number().int()).max(12).describe('days before the end date a reminder fires, e.g. [90, 60, 30]'),
  dayOf: z.boolean().describe('also remind on the end date'),
  expired: z.boolean().describe('also send a notice the day after the end date'),
});
export type TReminderSchedule = z.infer<typeof ZReminderSchedule>;

export const ZContractProduct = z.object({ sku: z.string(), name: z.string(), productLine: z.string(), version: z.string() });

/** A maintenance contract (`M…`): what it covers and where it stands. */
export const ZMaintenanceContract = z.object({
  id: z.string(),
  serialNumber: z.string(),
  accountId: z.string(),
  product: ZContractProduct,
  entitlementSerialNumber: z.string().nullable().describe('the certificate line (S…) it covers'),
  licenseIds: z.array(z.string()).describe('the licenses it covers'),
  startsAt: ZCalendarDate,
  endsAt: ZCalendarDate,
  state: ZMaintenanceContractState,
  daysLeft: z.number().int().describe('days until the end date: 0 on the last day, negative once expired'),
  renewedBySerialNumber: z.string().nullable(),
  nextReminder: z.object({ stage: z.string(), dueOn: ZCalendarDate }).nullable().describe("the next reminder in the account's schedule"),
});
export type TMaintenanceContract = z.infer<typeof ZMaintenanceContract>;
export const ZMaintenanceContractList = page(ZMaintenanceContract);

export const ZMaintenanceContractListQuery = ZPageQuery.extend({
  state: ZMaintenanceContractState.optional(),
  q: z.string().max(100).optional().describe('part of the serial number or product name'),
});
export const ZAdminMaintenanceContractListQuery = ZMaintenanceContractListQuery.extend({ accountId: ZIdParam.optional() });

/** Typed as the user typed it: normalized and checked (Damm) by the portal. */
const ZTypedSerial = z.string().max(100).describe('the M… serial number of the maintenance contract');
export const ZContractParams = z.object({ accountId: ZIdParam, serialNumber: ZTypedSerial });
export const ZAdminContractParams = z.object({ serialNumber: ZTypedSerial });

/** `POST /admin/maintenance-contracts/{serialNumber}/renew`: a later end date, in place. */
export const ZContractRenew = z.object({ endsAt: ZCalendarDate });
/** `renewed`: a newer contract of the same account and product replaces this one. */
export const ZContractSupersede = z.object({ bySerialNumber: ZTypedSerial });
/** Co-terming: several contracts renewed to one end date, all or none. */
export const ZContractCoTerm = z.object({ serialNumbers: z.array(ZTypedSerial).min(1).max(500), endsAt: ZCalendarDate });
export const ZContractCoTermResult = z.object({ contracts: z.array(ZMaintenanceContract) });

/**
 * Contacts the Renewal Assistant sends when the portal answers `needsContacts`: the support
 * registration of SPEC §5, and optionally an e-mail for the customer contact, to receive reminders.
 */
export const ZRenewalContacts = ZRegistration.extend({
  customerContact: ZRegistration.shape.customerContact.extend({ email: ZEmail.optional() }),
});
export type TRenewalContacts = z.infer<typeof ZRenewalContacts>;

export const ZRenewalLookup = z.object({
  serialNumbers: z.array(ZTypedSerial).min(1).max(100),
  contacts: ZRenewalContacts.optional().describe('stored as the registration of each found contract that has none'),
});
export type TRenewalLookup = z.infer<typeof ZRenewalLookup>;

export const ZRenewalLookupEntry = z.object({
  serialNumber: z.string().describe('normalized when it parses, else as sent'),
  found: z.boolean(),
  product: ZContractProduct.nullable(),
  startsAt: ZCalendarDate.nullable(),
  endsAt: ZCalendarDate.nullable(),
  state: ZMaintenanceContractState.nullable(),
  needsContacts: z.boolean().describe('the support registration lacks contacts: send `contacts`'),
  schedule: ZReminderSchedule.nullable().describe("the account's reminder schedule, to plan alerts offline"),
  error: z.object({ code: z.string(), message: z.string() }).optional().describe('a mistyped serial number'),
});
export const ZRenewalLookupResult = z.object({ results: z.array(ZRenewalLookupEntry) });
export type TRenewalLookupResult = z.infer<typeof ZRenewalLookupResult>;

/** The signed contract file (SPEC §11): the license file scheme of §4 with its own format marker. */
export const ZContractFile = z.object({
  format: z.literal('lp-contract-1'),
  payload: z.object({
    kind: z.literal('maintenance-contract'),
    serialNumber: z.string(),
    accountId: z.string(),
    productSku: z.string(),
    productName: z.string(),
    startsAt: ZCalendarDate,
    endsAt: ZCalendarDate,
    schedule: ZReminderSchedule,
    issuedAt: z.string(),
  }),
  kid: z.string(),
  signature: z.string().describe('Ed25519 over the RFC 8785 canonical payload, base64url'),
});
export type TContractFile = z.infer<typeof ZContractFile>;
