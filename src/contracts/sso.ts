import { z } from 'zod';
import { ZEmail, ZTimestamp } from './common.js';

/** An account's OpenID Connect provider, as its admin sees it (the client secret never comes back). */
export const ZIdentityProvider = z.object({
  accountId: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  hasClientSecret: z.literal(true),
  jitRole: z
    .enum(['admin', 'member', 'viewer', 'support'])
    .nullable()
    .describe(
      'role given to people the provider vouches for who are not members yet; null: no just-in-time membership',
    ),
  redirectUri: z.string().describe('register this redirect URI with the provider'),
  updatedAt: ZTimestamp,
});
export type TIdentityProvider = z.infer<typeof ZIdentityProvider>;

export const ZIdentityProviderPut = z.object({
  issuer: z.string().trim().min(1).max(500),
  clientId: z.string().trim().min(1).max(500),
  clientSecret: z
    .string()
    .min(1)
    .max(2000)
    .optional()
    .describe('required the first time; leave out to keep the stored one'),
  jitRole: z.enum(['admin', 'member', 'viewer', 'support']).nullable().default(null),
});

export const ZSsoDomain = z.object({
  domain: z.string(),
  verified: z.boolean(),
  verifiedAt: ZTimestamp.nullable(),
  dnsRecord: z
    .object({ type: z.literal('TXT'), name: z.string(), value: z.string() })
    .describe('publish this to prove the domain is yours'),
});
export type TSsoDomain = z.infer<typeof ZSsoDomain>;
export const ZSsoDomainList = z.object({ items: z.array(ZSsoDomain), nextCursor: z.null() });
export const ZSsoDomainClaim = z.object({ domain: z.string().trim().min(3).max(253) });
export const ZSsoDomainParams = z.object({
  accountId: z.string().min(1).max(100),
  domain: z.string().min(1).max(253),
});

export const ZSsoStart = z.object({
  email: ZEmail,
  returnTo: z.string().max(500).optional().describe('a path in the portal to land on after signing in'),
});
export const ZSsoStartAnswer = z.object({
  redirectUrl: z
    .string()
    .nullable()
    .describe("the identity provider's sign-in page; null when the e-mail's domain signs in with a password"),
});

/** Why a sign-in through a provider ended back at the sign-in page (`/sign-in/sso?error=<code>`). */
export const SSO_ERROR_CODES = [
  'sign_in_expired',
  'provider_refused',
  'provider_unreachable',
  'id_token_invalid',
  'email_missing',
  'domain_not_verified',
  'not_a_member',
  'user_disabled',
] as const;
export type TSsoErrorCode = (typeof SSO_ERROR_CODES)[number];
