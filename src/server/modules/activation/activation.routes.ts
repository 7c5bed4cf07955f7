import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZActivationList,
  ZActivationParams,
  ZActivationRequest,
  ZActivationResult,
  ZDeactivationRequest,
  ZOfflineActivationRequest,
  ZValidateRequest,
  ZValidateResult,
} from '../../../contracts/activation.js';
import { ZPageQuery } from '../../../contracts/common.js';
import { ZLicenseFile, ZLicenseParams } from '../../../contracts/licenses.js';
import type { Container } from '../../container.js';
import { authErrors, errors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';

/** The product's side (SPEC §12): the license key is the credential, no session needed. */
export const activationRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { activation, validation } = container;

  app.post('/activations', { schema: { tags: ['products'], security: [], body: ZActivationRequest, response: { 200: ZActivationResult, ...errors(400, 404, 409, 422, 429) } } }, async (req) =>
    activation.activate(ctxOf(req), req.body),
  );

  app.delete(
    '/activations/:activationId',
    {
      schema: {
        tags: ['products'],
        description: 'Frees a seat. A product sends `{licenseKey}`; a signed-in member of the license’s account sends no body.',
        params: ZActivationParams,
        body: ZDeactivationRequest.nullish(),
        response: { 204: z.null(), ...authErrors },
      },
    },
    async (req, reply) => {
      await activation.deactivate(ctxOf(req), req.params.activationId, req.body?.licenseKey);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/validate',
    {
      schema: { tags: ['products'], security: [], body: ZValidateRequest, response: { 200: ZValidateResult, ...errors(400, 429) } },
      // The hot path: the answer is built from typed values by one function (license-validity.ts),
      // so it is written out as is instead of being checked against its schema on every request.
      serializerCompiler: () => (data) => JSON.stringify(data),
      // Products read JSON, never a page: browser security headers protect nothing here, and
      // building them costs more per request than the lookup.
      helmet: false,
    },
    async (req) => validation.validate(ctxOf(req), req.body),
  );

  app.get('/accounts/:accountId/licenses/:licenseId/activations', { schema: { tags: ['licenses'], params: ZLicenseParams, querystring: ZPageQuery, response: { 200: ZActivationList, ...authErrors } } }, async (req) =>
    activation.listActivations(ctxOf(req), req.params.accountId, req.params.licenseId, req.query),
  );

  app.post(
    '/accounts/:accountId/licenses/:licenseId/offline-activations',
    {
      config: { access: 'account.operate' },
      schema: {
        tags: ['licenses'],
        description: 'The body is the request file the product wrote (`lp-activation-request-1`); the answer is the host-bound license file to take back to it.',
        params: ZLicenseParams,
        body: ZOfflineActivationRequest,
        response: { 200: ZLicenseFile, ...errors(400, 401, 403, 404, 409, 422, 429) },
      },
    },
    async (req, reply) => {
      const { activationId, licenseFile } = await activation.activateOffline(ctxOf(req), req.params.accountId, req.params.licenseId, req.body);
      return reply
        .header('content-disposition', `attachment; filename="${req.params.licenseId}-${activationId}.lic"`.replace(/[^\x20-\x7e]/g, '_'))
        .header('activation-id', activationId)
        .send(licenseFile);
    },
  );
};
