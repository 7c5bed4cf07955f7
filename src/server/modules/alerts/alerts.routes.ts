import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZAccountParams } from '../../../contracts/common.js';
import { ZAlert, ZAlertList, ZAlertListQuery, ZAlertParams, ZAlertsMarked } from '../../../contracts/reminders.js';
import type { Container } from '../../container.js';
import { authErrors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';

const tags = ['maintenance'];

export const alertsRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { alerts } = container;

  app.get('/accounts/:accountId/alerts', { schema: { tags, params: ZAccountParams, querystring: ZAlertListQuery, response: { 200: ZAlertList, ...authErrors } } }, async (req) =>
    alerts.list(ctxOf(req), req.params.accountId, req.query),
  );

  app.post('/accounts/:accountId/alerts/:alertId/read', { schema: { tags, params: ZAlertParams, response: { 200: ZAlert, ...authErrors } } }, async (req) =>
    alerts.markRead(ctxOf(req), req.params.accountId, req.params.alertId),
  );

  app.post('/accounts/:accountId/alerts/read-all', { schema: { tags, params: ZAccountParams, response: { 200: ZAlertsMarked, ...authErrors } } }, async (req) =>
    alerts.markAllRead(ctxOf(req), req.params.accountId),
  );
};
