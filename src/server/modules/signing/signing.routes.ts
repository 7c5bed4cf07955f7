import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZJwks, ZSigningKeyRotated } from '../../../contracts/licenses.js';
import type { Container } from '../../container.js';
import { authErrors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';

export const signingRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { signingKeys } = container;

  // Public, no sign-in: products and third-party verifiers fetch it; a kid they do not know means "fetch again".
  app.get('/signing-keys', { schema: { tags: ['licenses'], security: [], response: { 200: ZJwks } } }, async (_req, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return signingKeys.jwks();
  });

  app.post('/admin/signing-keys/rotate', { config: { access: 'vendor.write' }, schema: { tags: ['admin'], response: { 200: ZSigningKeyRotated, ...authErrors } } }, async (req) =>
    signingKeys.rotate(ctxOf(req)),
  );
};
