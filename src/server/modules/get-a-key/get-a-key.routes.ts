import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZAccountParams } from '../../../contracts/common.js';
import { ZGetAKeyLookup, ZGetAKeyLookupResult, ZGetAKeyRequest, ZGetAKeyResult } from '../../../contracts/get-a-key.js';
import { ZLicenseParams, ZRehostBody, ZRehostResult } from '../../../contracts/licenses.js';
import type { Container } from '../../container.js';
import { authErrors, errors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';

export const getAKeyRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { getAKey, rehosts } = container;

  app.post(
    '/accounts/:accountId/get-a-key/lookup',
    { schema: { tags: ['get-a-key'], params: ZAccountParams, body: ZGetAKeyLookup, response: { 200: ZGetAKeyLookupResult, ...authErrors } } },
    async (req) => getAKey.lookup(ctxOf(req), req.params.accountId, req.body.serialNumber),
  );

  app.post(
    '/accounts/:accountId/get-a-key',
    { config: { access: 'account.operate' }, schema: { tags: ['get-a-key'], params: ZAccountParams, body: ZGetAKeyRequest, response: { 200: ZGetAKeyResult, ...authErrors } } },
    async (req) => getAKey.register(ctxOf(req), req.params.accountId, req.body),
  );

  app.post(
    '/accounts/:accountId/licenses/:licenseId/rehost',
    { config: { access: 'account.operate' }, schema: { tags: ['licenses'], params: ZLicenseParams, body: ZRehostBody, response: { 200: ZRehostResult, ...authErrors, ...errors(409, 422) } } },
    async (req) => rehosts.rehost(ctxOf(req), req.params.accountId, req.params.licenseId, req.body.hostId),
  );
};
