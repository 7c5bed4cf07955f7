import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZProductCreate, ZProductCreated, ZProductList, ZProductListQuery } from '../../../contracts/catalog.js';
import type { Container } from '../../container.js';
import { authErrors, errors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';

export const catalogRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { catalog } = container;

  app.post('/admin/products', { config: { access: 'vendor.write' }, schema: { tags: ['admin'], body: ZProductCreate, response: { 201: ZProductCreated, ...authErrors, ...errors(409) } } }, async (req, reply) =>
    reply.status(201).send(await catalog.createProduct(ctxOf(req), req.body)),
  );

  app.get('/admin/products', { schema: { tags: ['admin'], querystring: ZProductListQuery, response: { 200: ZProductList, ...authErrors } } }, async (req) =>
    catalog.listProducts(ctxOf(req), req.query),
  );

  app.get('/products', { schema: { tags: ['catalog'], querystring: ZProductListQuery, response: { 200: ZProductList, ...authErrors } } }, async (req) =>
    catalog.listProductNames(ctxOf(req), req.query),
  );
};
