import { z } from 'zod';
import { ZCalendarDate, ZEmail, ZTimestamp } from './common.js';
import { ZProduct } from './catalog.js';
import { ZHostId, ZIssuedLicense, ZLicense } from './licenses.js';

const text = (max: number) => z.string().trim().min(1, 'is required').max(max);

/** SPEC §5 step 4: the support registration; needed to receive maintenance and support. */
export const ZRegistration = z.object({
  customerContact: z.object({
    organization: text(200),
    address: text(500),
    country: text(100),
  }),
  technicalContact: z.object({
    name: text(200),
    email: ZEmail.describe('receives the license key and file'),
    phone: text(50).regex(/^[0-9+()./\s-]+$/, 'digits, spaces and + ( ) . / - only'),
  }),
});
export type TRegistration = z.infer<typeof ZRegistration>;

/** A stored registration, as answered (already normalized). */
export const ZRegistrationView = z.object({
  customerContact: z.object({ organization: z.string(), address: z.string(), country: z.string() }),
  technicalContact: z.object({ name: z.string(), email: z.string(), phone: z.string() }),
});

/** Typed as the user typed it: the portal normalizes it (case, spaces, dashes) and checks the Damm digit. */
const ZTypedSerial = z.string().max(100).describe('the S… serial number from the certificate');

export const ZGetAKeyLookup = z.object({ serialNumber: ZTypedSerial });

/** SPEC §5 step 3: what a serial number entitles to, and whether it is registered. */
export const ZGetAKeyLookupResult = z.object({
  serialNumber: z.string(),
  product: ZProduct,
  quantity: z.number().int(),
  maintenance: z
    .object({ serialNumber: z.string().nullable(), startsAt: ZCalendarDate, endsAt: ZCalendarDate })
    .nullable()
    .describe('the maintenance term (for subscriptions, the subscription term)'),
  needsHostId: z.boolean().describe('node-locked: step 6 asks for the host ID'),
  registered: z.boolean(),
  registeredAt: ZTimestamp.nullable(),
  licenses: z.array(ZLicense).describe("the serial's licenses, once registered"),
  registration: ZRegistrationView.nullable().describe("the serial's registration, or else the account's last one to prefill step 4"),
});
export type TGetAKeyLookupResult = z.infer<typeof ZGetAKeyLookupResult>;

/** SPEC §5 steps 4–6. */
export const ZGetAKeyRequest = z.object({
  serialNumber: ZTypedSerial,
  registration: ZRegistration,
  hostId: ZHostId.optional().describe('required for node-locked products'),
});
export type TGetAKeyRequest = z.infer<typeof ZGetAKeyRequest>;

export const ZGetAKeyResult = z.object({
  licenses: z.array(ZIssuedLicense),
  alreadyRegistered: z.boolean().describe('true when the serial was registered before: the same licenses again'),
  deliveredTo: z.string().nullable().describe('where the key and file were e-mailed'),
});
export type TGetAKeyResult = z.infer<typeof ZGetAKeyResult>;
