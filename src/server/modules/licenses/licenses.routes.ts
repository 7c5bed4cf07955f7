import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZLicense, ZLicenseParams } from '../../../contracts/licenses.js';
import type { Container } from '../../container.js';
import { authErrors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';

export const licensesRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { licenses } = container;

  app.get('/accounts/:accountId/licenses/:licenseId', { schema: { tags: ['licenses'], params: ZLicenseParams, response: { 200: ZLicense, ...authErrors } } }, async (req) =>
    licenses.getLicense(ctxOf(req), req.params.accountId, req.params.licenseId),
  );

  app.get(
    '/accounts/:accountId/licenses/:licenseId/file',
    { schema: { tags: ['licenses'], params: ZLicenseParams, response: { 200: z.any().describe('the signed license file (application/json)'), ...authErrors } } },
    async (req, reply) => {
      const file = await licenses.licenseFile(ctxOf(req), req.params.accountId, req.params.licenseId);
      return reply.header('content-disposition', `attachment; filename="${file.filename}"`).type('application/json').send(file.content);
    },
  );
};
