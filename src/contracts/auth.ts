import { z } from 'zod';
import { ZAccountKind, ZEmail, ZRole, ZTimestamp, page } from './common.js';

export const ZPassword = z.string().min(8, 'must be at least 8 characters').max(200);

export const ZLoginBody = z.object({ email: ZEmail, password: z.string().min(1).max(200) });
export type TLoginBody = z.infer<typeof ZLoginBody>;

export const ZUser = z.object({ id: z.string(), email: z.string(), name: z.string() });
export type TUser = z.infer<typeof ZUser>;

export const ZLoginResponse = z.object({ user: ZUser, csrfToken: z.string() });

/** An account the signed-in user may act for. */
export const ZMeAccount = z.object({
  id: z.string(),
  name: z.string(),
  kind: ZAccountKind,
  role: ZRole,
  via: z.enum(['membership', 'delegation']),
  partnerAccountId: z.string().nullable(),
});
export type TMeAccount = z.infer<typeof ZMeAccount>;

export const ZMe = z.object({
  user: ZUser,
  vendorRole: z.enum(['admin', 'support']).nullable(),
  accounts: z.array(ZMeAccount),
  csrfToken: z.string().nullable().describe('send it as X-CSRF-Token on unsafe requests made with the session cookie'),
  signInRestriction: z
    .enum(['two_factor_enrollment'])
    .optional()
    .describe('present while this session may only enrol a second factor (GET/POST /me/two-factor…)'),
});
export type TMe = z.infer<typeof ZMe>;

export const ZPasswordResetRequest = z.object({ email: ZEmail });
export const ZSetPasswordWithToken = z.object({ token: z.string().min(10).max(200), password: ZPassword });

export const ZApiTokenCreate = z.object({
  name: z.string().trim().min(1).max(100),
  role: z.enum(['admin', 'member', 'viewer']).optional(),
});
export const ZApiTokenCreated = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  token: z.string().describe('shown once; store it now'),
});
export const ZApiToken = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  createdAt: ZTimestamp,
  lastUsedAt: ZTimestamp.nullable(),
  revokedAt: ZTimestamp.nullable(),
});
export const ZApiTokenList = page(ZApiToken);
export type TApiToken = z.infer<typeof ZApiToken>;
