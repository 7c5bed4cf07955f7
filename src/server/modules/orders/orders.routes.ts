import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAccountParams, ZPageQuery } from '../../../contracts/common.js';
import {
  ZAccountCertificateParams,
  ZCertificate,
  ZCertificateList,
  ZCertificateParams,
  ZOrderCreate,
  ZOrderCreated,
  ZOrderImportReport,
  ZOrderList,
  ZOrderListQuery,
} from '../../../contracts/orders.js';
import type { Container } from '../../container.js';
import { authErrors, errors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';
import type { CertificatePdf } from './certificates.service.js';

/** An import of 100,000 rows is about 10 MB of CSV. */
const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;
const ZPdf = z.any().describe('application/pdf');

export const ordersRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { orders, orderImport, certificates } = container;

  // Only this plugin's routes read CSV bodies; everywhere else a CSV body is refused with 415.
  app.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) => done(null, body));

  app.post('/admin/orders', { config: { access: 'vendor.write' }, schema: { tags: ['admin'], body: ZOrderCreate, response: { 201: ZOrderCreated, ...authErrors, ...errors(409) } } }, async (req, reply) =>
    reply.status(201).send(await orders.createOrder(ctxOf(req), req.body)),
  );

  app.get('/admin/orders', { schema: { tags: ['admin'], querystring: ZOrderListQuery, response: { 200: ZOrderList, ...authErrors } } }, async (req) =>
    orders.listOrders(ctxOf(req), req.query),
  );

  app.post(
    '/admin/orders/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      config: { access: 'vendor.write' },
      schema: {
        tags: ['admin'],
        description: 'CSV body (text/csv), one order per row; columns in docs/orders-import.md',
        body: z.string().describe('text/csv'),
        response: { 200: ZOrderImportReport, ...authErrors, ...errors(413) },
      },
    },
    async (req) => orderImport.importCsv(ctxOf(req), req.body),
  );

  app.get('/admin/certificates/:id', { schema: { tags: ['admin'], params: ZCertificateParams, response: { 200: ZCertificate, ...authErrors } } }, async (req) =>
    certificates.getForVendor(ctxOf(req), req.params.id),
  );

  app.get('/admin/certificates/:id.pdf', { schema: { tags: ['admin'], params: ZCertificateParams, response: { 200: ZPdf, ...authErrors } } }, async (req, reply) =>
    sendPdf(reply, await certificates.pdfForVendor(ctxOf(req), req.params.id)),
  );

  app.get('/accounts/:accountId/certificates', { schema: { tags: ['certificates'], params: ZAccountParams, querystring: ZPageQuery, response: { 200: ZCertificateList, ...authErrors } } }, async (req) =>
    certificates.listForAccount(ctxOf(req), req.params.accountId, req.query),
  );

  app.get('/accounts/:accountId/certificates/:id', { schema: { tags: ['certificates'], params: ZAccountCertificateParams, response: { 200: ZCertificate, ...authErrors } } }, async (req) =>
    certificates.getForAccount(ctxOf(req), req.params.accountId, req.params.id),
  );

  app.get('/accounts/:accountId/certificates/:id.pdf', { schema: { tags: ['certificates'], params: ZAccountCertificateParams, response: { 200: ZPdf, ...authErrors } } }, async (req, reply) =>
    sendPdf(reply, await certificates.pdfForAccount(ctxOf(req), req.params.accountId, req.params.id)),
  );
};

function sendPdf(reply: FastifyReply, pdf: CertificatePdf): FastifyReply {
  return reply.header('content-disposition', `attachment; filename="${pdf.filename}"`).type('application/pdf').send(pdf.bytes);
}
