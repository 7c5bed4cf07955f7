import { z } from 'zod';
import { ZPageQuery, ZTimestamp, page } from './common.js';

/** One of the signed-in user's sessions (a browser where they are signed in). */
export const ZUserSession = z.object({
  id: z.string().describe('stable for the session; not the cookie'),
  current: z.boolean().describe('the session this request came with'),
  method: z.enum(['password', 'sso']),
  secondFactor: z.enum(['totp', 'recovery_code']).nullable(),
  createdAt: ZTimestamp,
  lastSeenAt: ZTimestamp,
  expiresAt: ZTimestamp,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
export type TUserSession = z.infer<typeof ZUserSession>;
export const ZUserSessionList = page(ZUserSession);

export const ZSignOutEverywhere = z.object({
  includeThisOne: z.boolean().optional().describe('end this session too (default: keep it)'),
});
export const ZSessionsEnded = z.object({ ended: z.number().int() });

/** An event of the user's security log: sign-ins and failed attempts, second-factor and password changes. */
export const ZSecurityEvent = z.object({
  id: z.string(),
  at: ZTimestamp,
  action: z.string().describe('user.signed_in, user.sign_in_failed, two_factor.enabled, session.revoked, …'),
  ip: z.string().nullable(),
  by: z
    .string()
    .nullable()
    .describe('who did it, when not the user themselves (an admin, or nobody yet signed in)'),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type TSecurityEvent = z.infer<typeof ZSecurityEvent>;
export const ZSecurityLog = page(ZSecurityEvent);
export const ZSecurityLogQuery = ZPageQuery;
