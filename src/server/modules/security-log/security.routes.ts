import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParam } from '../../../contracts/common.js';
import {
  ZSecurityLog,
  ZSecurityLogQuery,
  ZSessionsEnded,
  ZSignOutEverywhere,
  ZUserSessionList,
} from '../../../contracts/security.js';
import type { Container } from '../../container.js';
import { authErrors, errors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';

export const securityRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { security } = container;
  const mine = { tags: ['security'] };

  app.get(
    '/me/sessions',
    { schema: { ...mine, response: { 200: ZUserSessionList, ...errors(401, 403) } } },
    async (req) => security.listSessions(ctxOf(req)),
  );

  app.delete(
    '/me/sessions/:sessionId',
    {
      schema: {
        ...mine,
        params: z.object({ sessionId: ZIdParam }),
        response: { 204: z.null(), ...errors(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await security.revokeSession(ctxOf(req), req.params.sessionId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/me/sessions/sign-out-everywhere',
    {
      schema: {
        ...mine,
        body: ZSignOutEverywhere,
        response: { 200: ZSessionsEnded, ...errors(400, 401, 403) },
      },
    },
    async (req) => security.signOutEverywhere(ctxOf(req), req.body.includeThisOne ?? false),
  );

  app.get(
    '/me/security-log',
    {
      schema: {
        ...mine,
        querystring: ZSecurityLogQuery,
        response: { 200: ZSecurityLog, ...errors(400, 401, 403) },
      },
    },
    async (req) => security.securityLog(ctxOf(req), req.query),
  );

  app.get(
    '/admin/users/:userId/security-log',
    {
      config: { access: 'vendor.support' },
      schema: {
        tags: ['admin'],
        params: z.object({ userId: ZIdParam }),
        querystring: ZSecurityLogQuery,
        response: { 200: ZSecurityLog, ...authErrors },
      },
    },
    async (req) => security.securityLogOfUser(ctxOf(req), req.params.userId, req.query),
  );

  app.post(
    '/admin/users/:userId/sign-out-everywhere',
    {
      config: { access: 'vendor.write' },
      schema: {
        tags: ['admin'],
        params: z.object({ userId: ZIdParam }),
        response: { 200: ZSessionsEnded, ...authErrors },
      },
    },
    async (req) => security.endSessionsOfUser(ctxOf(req), req.params.userId),
  );
};
