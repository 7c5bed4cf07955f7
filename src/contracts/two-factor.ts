import { z } from 'zod';
import { ZTimestamp } from './common.js';
import { ZUser } from './auth.js';

/** The second step of a password sign-in: a 6-digit code from the authenticator app, or a recovery code. */
export const ZLoginSecondFactor = z.object({
  challengeToken: z.string().min(10).max(200),
  code: z.string().trim().min(6, 'type the 6-digit code or a recovery code').max(40),
});
export type TLoginSecondFactor = z.infer<typeof ZLoginSecondFactor>;

/** `POST /auth/login` for a user with a second factor: no session yet, a challenge to answer. */
export const ZSecondFactorRequired = z.object({
  twoFactorRequired: z.literal(true),
  challengeToken: z
    .string()
    .describe('send it back with the code to POST /auth/login/totp; valid 10 minutes, 5 tries'),
});

/** A session, and whether it may only enrol a second factor for now. */
export const ZSignedIn = z.object({
  user: ZUser,
  csrfToken: z.string(),
  twoFactorEnrollmentRequired: z
    .literal(true)
    .optional()
    .describe(
      'present when a second factor is required of this user and none is enrolled: enrol one before anything else',
    ),
});

export const ZTwoFactorStatus = z.object({
  enrolled: z.boolean(),
  enrolledAt: ZTimestamp.nullable(),
  recoveryCodesLeft: z.number().int(),
  required: z.boolean(),
  requiredBy: z.array(z.string()).describe('who requires it: account names, or the vendor admin role'),
});
export type TTwoFactorStatus = z.infer<typeof ZTwoFactorStatus>;

export const ZTotpEnrollment = z.object({
  secret: z.string().describe('base32, for typing into an authenticator app'),
  otpauthUri: z.string().describe('the same as an otpauth:// URI, for a QR code'),
});
export type TTotpEnrollment = z.infer<typeof ZTotpEnrollment>;

export const ZTotpConfirm = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'type the 6-digit code your authenticator app shows'),
});

export const ZRecoveryCodes = z.object({
  recoveryCodes: z.array(z.string()).describe('shown once; each works once'),
});
export type TRecoveryCodes = z.infer<typeof ZRecoveryCodes>;

/** Turning the second factor off, or new recovery codes: the password again, in case a session was left open. */
export const ZReauthenticate = z.object({ password: z.string().min(1).max(200) });

export const ZSignInPolicy = z.object({
  accountId: z.string(),
  twoFactorRequired: z.boolean(),
  ssoRequired: z.boolean(),
});
export type TSignInPolicy = z.infer<typeof ZSignInPolicy>;
export const ZSignInPolicyUpdate = z.object({
  twoFactorRequired: z.boolean().optional(),
  ssoRequired: z.boolean().optional(),
});
