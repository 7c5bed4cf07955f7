import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZAuditList, ZAuditQuery, ZOutboxList, ZOutboxQuery, ZRunDueBody, ZRunDueResponse } from '../../contracts/admin.js';
import type { Container } from '../container.js';
import { fieldError } from '../http/app-error.js';
import { authErrors } from '../http/openapi.js';
import { authorize } from './auth/authorize.js';

/** The vendor's operations pages: audit log, outbox, and the due-work hook. */
export const adminRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  app.get('/admin/audit', { schema: { tags: ['admin'], querystring: ZAuditQuery, response: { 200: ZAuditList, ...authErrors } } }, async (req) => {
    authorize(req.actor, 'vendor.read');
    const q = req.query;
    return container.audit.list(container.store.db, {
      actor: q.actor,
      accountId: q.account,
      action: q.action,
      targetId: q.target,
      from: normalizeInstant('from', q.from),
      to: normalizeInstant('to', q.to),
      before: q.cursor,
      limit: q.limit,
    });
  });

  app.get('/admin/outbox', { schema: { tags: ['admin'], querystring: ZOutboxQuery, response: { 200: ZOutboxList, ...authErrors } } }, async (req) => {
    authorize(req.actor, 'vendor.read');
    return container.outbox.list({ cursor: req.query.cursor, limit: req.query.limit, to: req.query.to });
  });

  app.post('/admin/jobs/run-due', { config: { access: 'vendor.write' }, schema: { tags: ['admin'], body: ZRunDueBody, response: { 200: ZRunDueResponse, ...authErrors } } }, async (req) => {
    authorize(req.actor, 'vendor.write');
    const now = req.body.now ? new Date(req.body.now) : container.clock.now();
    const report = await container.jobs.runDue(now, { waitForOthers: true });
    return { now: now.toISOString(), ...report };
  });

};

function normalizeInstant(field: string, value: string | undefined): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw fieldError(field, 'must be an ISO date or timestamp');
  return new Date(t).toISOString();
}
