import { z } from 'zod';
import { ZAccountKind, ZEmail, ZPageQuery, ZRole, ZTimestamp, page } from './common.js';
import { ZPassword } from './auth.js';

export const ZAccount = z.object({ id: z.string(), name: z.string(), kind: ZAccountKind, createdAt: ZTimestamp });
export type TAccount = z.infer<typeof ZAccount>;

export const ZAccountCreate = z.object({ name: z.string().trim().min(1).max(200), kind: ZAccountKind });
export const ZAccountList = page(ZAccount);
export const ZAccountListQuery = ZPageQuery.extend({ q: z.string().max(200).optional(), kind: ZAccountKind.optional() });

export const ZMembershipInput = z.object({ accountId: z.string().min(1), role: ZRole });
export const ZUserCreate = z.object({
  email: ZEmail,
  name: z.string().trim().min(1).max(200),
  password: ZPassword.optional().describe('without one, the user is invited by e-mail'),
  memberships: z.array(ZMembershipInput).min(1).max(50),
});
export const ZUserCreated = z.object({ id: z.string() });

export const ZAdminUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  createdAt: ZTimestamp,
  memberships: z.array(z.object({ accountId: z.string(), accountName: z.string(), role: ZRole })),
});
export type TAdminUser = z.infer<typeof ZAdminUser>;
export const ZAdminUserList = page(ZAdminUser);
export const ZUserListQuery = ZPageQuery.extend({ q: z.string().max(200).optional() });

export const ZAccountUser = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: ZRole });
export const ZAccountUserList = page(ZAccountUser);
export const ZAccountUserAdd = z.object({
  email: ZEmail,
  name: z.string().trim().min(1).max(200),
  role: z.enum(['admin', 'member', 'viewer']),
});

export const ZDelegation = z.object({
  partnerAccountId: z.string(),
  partnerName: z.string(),
  source: z.enum(['order', 'grant']),
  grantedAt: ZTimestamp,
});
export const ZDelegationList = page(ZDelegation);
export const ZDelegationGrant = z.object({ partnerAccountId: z.string().min(1) });

export const ZPartnerCustomer = z.object({ accountId: z.string(), name: z.string(), partnerAccountId: z.string(), grantedAt: ZTimestamp });
export const ZPartnerCustomerList = page(ZPartnerCustomer);
