import { z } from 'zod';
import { ZPageQuery, ZTimestamp, page } from './common.js';

export const ZAuditQuery = ZPageQuery.extend({
  actor: z.string().max(200).optional().describe('a user id or e-mail'),
  account: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  target: z.string().max(100).optional(),
  from: z.string().max(40).optional().describe('ISO timestamp or date, inclusive'),
  to: z.string().max(40).optional().describe('ISO timestamp or date, exclusive'),
});

export const ZAuditRecord = z.object({
  id: z.string(),
  at: ZTimestamp,
  actorUserId: z.string().nullable(),
  actorTokenId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  accountId: z.string().nullable(),
  partnerAccountId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type TAuditRecord = z.infer<typeof ZAuditRecord>;
export const ZAuditList = page(ZAuditRecord);

export const ZOutboxMessage = z.object({
  id: z.string(),
  kind: z.string(),
  accountId: z.string().nullable(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  status: z.enum(['queued', 'sent', 'failed']),
  attempts: z.number().int(),
  createdAt: ZTimestamp,
  sentAt: ZTimestamp.nullable(),
  lastError: z.string().nullable(),
  attachments: z.array(z.string()),
});
export type TOutboxMessage = z.infer<typeof ZOutboxMessage>;
export const ZOutboxList = page(ZOutboxMessage);
export const ZOutboxQuery = ZPageQuery.extend({ to: z.string().max(254).optional() });

export const ZRunDueBody = z.object({ now: z.iso.datetime().optional() }).default({});
export const ZRunDueResponse = z.object({
  now: ZTimestamp,
  tasks: z.record(z.string(), z.number()),
  jobs: z.object({ done: z.number(), failed: z.number() }),
});

export const ZPublicConfig = z.object({ vendorName: z.string(), demo: z.boolean() });
