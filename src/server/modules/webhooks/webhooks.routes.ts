import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAccountParams, ZPageQuery } from '../../../contracts/common.js';
import {
  ZWebhookDelivery,
  ZWebhookDeliveryDetail,
  ZWebhookDeliveryList,
  ZWebhookDeliveryListQuery,
  ZWebhookDeliveryParams,
  ZWebhookEndpoint,
  ZWebhookEndpointCreate,
  ZWebhookEndpointList,
  ZWebhookEndpointParams,
  ZWebhookEndpointUpdate,
  ZWebhookEndpointWithSecret,
} from '../../../contracts/webhooks.js';
import type { Container } from '../../container.js';
import { authErrors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';

const tags = ['webhooks'];

export const webhooksRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { webhookEndpoints, webhookDeliveries } = container;

  app.get('/accounts/:accountId/webhook-endpoints', { schema: { tags, params: ZAccountParams, querystring: ZPageQuery, response: { 200: ZWebhookEndpointList, ...authErrors } } }, async (req) =>
    webhookEndpoints.list(ctxOf(req), req.params.accountId, req.query),
  );

  app.post('/accounts/:accountId/webhook-endpoints', { config: { access: 'account.manage' }, schema: { tags, params: ZAccountParams, body: ZWebhookEndpointCreate, response: { 201: ZWebhookEndpointWithSecret, ...authErrors } } }, async (req, reply) =>
    reply.status(201).send(await webhookEndpoints.create(ctxOf(req), req.params.accountId, req.body)),
  );

  app.patch('/accounts/:accountId/webhook-endpoints/:endpointId', { config: { access: 'account.manage' }, schema: { tags, params: ZWebhookEndpointParams, body: ZWebhookEndpointUpdate, response: { 200: ZWebhookEndpoint, ...authErrors } } }, async (req) =>
    webhookEndpoints.update(ctxOf(req), req.params.accountId, req.params.endpointId, req.body),
  );

  app.delete('/accounts/:accountId/webhook-endpoints/:endpointId', { config: { access: 'account.manage' }, schema: { tags, params: ZWebhookEndpointParams, response: { 204: z.null(), ...authErrors } } }, async (req, reply) => {
    await webhookEndpoints.remove(ctxOf(req), req.params.accountId, req.params.endpointId);
    return reply.status(204).send(null);
  });

  app.post('/accounts/:accountId/webhook-endpoints/:endpointId/rotate-secret', { config: { access: 'account.manage' }, schema: { tags, params: ZWebhookEndpointParams, response: { 200: ZWebhookEndpointWithSecret, ...authErrors } } }, async (req) =>
    webhookEndpoints.rotateSecret(ctxOf(req), req.params.accountId, req.params.endpointId),
  );

  app.post('/accounts/:accountId/webhook-endpoints/:endpointId/test', { config: { access: 'account.manage' }, schema: { tags, params: ZWebhookEndpointParams, response: { 201: ZWebhookDelivery, ...authErrors } } }, async (req, reply) =>
    reply.status(201).send(await webhookEndpoints.sendTest(ctxOf(req), req.params.accountId, req.params.endpointId)),
  );

  app.get('/accounts/:accountId/webhook-deliveries', { schema: { tags, params: ZAccountParams, querystring: ZWebhookDeliveryListQuery, response: { 200: ZWebhookDeliveryList, ...authErrors } } }, async (req) =>
    webhookDeliveries.list(ctxOf(req), req.params.accountId, req.query),
  );

  app.get('/accounts/:accountId/webhook-deliveries/:deliveryId', { schema: { tags, params: ZWebhookDeliveryParams, response: { 200: ZWebhookDeliveryDetail, ...authErrors } } }, async (req) =>
    webhookDeliveries.get(ctxOf(req), req.params.accountId, req.params.deliveryId),
  );
};
