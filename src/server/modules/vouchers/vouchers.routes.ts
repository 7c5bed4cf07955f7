import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAccountParams, ZPageQuery } from '../../../contracts/common.js';
import {
  ZAdminVoucherBatchListQuery,
  ZAdminVoucherBatchParams,
  ZEndCustomerList,
  ZVoucher,
  ZVoucherBatch,
  ZVoucherBatchCreate,
  ZVoucherBatchCreated,
  ZVoucherBatchList,
  ZVoucherBatchParams,
  ZVoucherBatchVoided,
  ZVoucherCodeParams,
  ZVoucherList,
  ZVoucherListQuery,
  ZVoucherRedeem,
  ZVoucherRedemption,
} from '../../../contracts/vouchers.js';
import type { Container } from '../../container.js';
import { AppError } from '../../http/app-error.js';
import { authErrors, errors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';

const ZFile = z.any().describe('application/pdf or text/csv');
const CONTENT_TYPES = { pdf: 'application/pdf', csv: 'text/csv; charset=utf-8' } as const;

/** Voucher Center (SPEC §9, §13): the vendor's batches, and an OEM's vouchers, sheets and conversions. */
export const vouchersRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { voucherBatches, vouchers, redemptions } = container;

  app.post('/admin/voucher-batches', { config: { access: 'vendor.write' }, schema: { tags: ['admin'], body: ZVoucherBatchCreate, response: { 201: ZVoucherBatchCreated, ...authErrors } } }, async (req, reply) =>
    reply.status(201).send(await voucherBatches.create(ctxOf(req), req.body)),
  );

  app.get('/admin/voucher-batches', { schema: { tags: ['admin'], querystring: ZAdminVoucherBatchListQuery, response: { 200: ZVoucherBatchList, ...authErrors } } }, async (req) =>
    voucherBatches.listAll(ctxOf(req), req.query),
  );

  app.get('/admin/voucher-batches/:batchId', { schema: { tags: ['admin'], params: ZAdminVoucherBatchParams, response: { 200: ZVoucherBatch, ...authErrors } } }, async (req) =>
    voucherBatches.get(ctxOf(req), null, req.params.batchId),
  );

  for (const format of ['pdf', 'csv'] as const) {
    app.get(`/admin/voucher-batches/:batchId.${format}`, { schema: { tags: ['admin'], params: ZAdminVoucherBatchParams, response: { 200: ZFile, ...authErrors } } }, async (req, reply) =>
      sendFile(reply, format, await voucherBatches.sheet(ctxOf(req), null, req.params.batchId, format)),
    );
    app.get(`/accounts/:accountId/voucher-batches/:batchId.${format}`, { schema: { tags: ['voucher center'], params: ZVoucherBatchParams, response: { 200: ZFile, ...authErrors } } }, async (req, reply) =>
      sendFile(reply, format, await voucherBatches.sheet(ctxOf(req), req.params.accountId, req.params.batchId, format)),
    );
  }

  app.post('/admin/voucher-batches/:batchId/void', { config: { access: 'vendor.write' }, schema: { tags: ['admin'], params: ZAdminVoucherBatchParams, response: { 200: ZVoucherBatchVoided, ...authErrors } } }, async (req) =>
    voucherBatches.voidBatch(ctxOf(req), req.params.batchId),
  );

  app.post('/admin/vouchers/:code/void', { config: { access: 'vendor.write' }, schema: { tags: ['admin'], params: ZVoucherCodeParams, response: { 200: ZVoucher, ...authErrors, ...errors(409, 422) } } }, async (req) =>
    voucherBatches.voidVoucher(ctxOf(req), req.params.code),
  );

  app.get('/accounts/:accountId/voucher-batches', { schema: { tags: ['voucher center'], params: ZAccountParams, querystring: ZPageQuery, response: { 200: ZVoucherBatchList, ...authErrors } } }, async (req) =>
    voucherBatches.listForOem(ctxOf(req), req.params.accountId, req.query),
  );

  app.get('/accounts/:accountId/voucher-batches/:batchId', { schema: { tags: ['voucher center'], params: ZVoucherBatchParams, response: { 200: ZVoucherBatch, ...authErrors } } }, async (req) =>
    voucherBatches.get(ctxOf(req), req.params.accountId, req.params.batchId),
  );

  app.get('/accounts/:accountId/vouchers', { schema: { tags: ['voucher center'], params: ZAccountParams, querystring: ZVoucherListQuery, response: { 200: ZVoucherList, ...authErrors } } }, async (req) =>
    vouchers.list(ctxOf(req), req.params.accountId, req.query),
  );

  app.get('/accounts/:accountId/voucher-end-customers', { schema: { tags: ['voucher center'], params: ZAccountParams, querystring: ZPageQuery, response: { 200: ZEndCustomerList, ...authErrors } } }, async (req) =>
    vouchers.endCustomers(ctxOf(req), req.params.accountId, req.query),
  );

  app.post(
    '/accounts/:accountId/vouchers/redeem',
    {
      config: { access: 'account.operate' },
      schema: {
        tags: ['voucher center'],
        description: 'Converts a voucher into a license in the end customer\'s account. A mistyped code answers 400 naming `code`; another OEM\'s code 404; 409 voucher_already_redeemed; 422 voucher_not_redeemable (expired or void).',
        params: ZAccountParams,
        body: ZVoucherRedeem,
        response: { 201: ZVoucherRedemption, ...authErrors, ...errors(409, 422) },
      },
    },
    async (req, reply) => {
      const outcome = await redemptions.redeem(ctxOf(req), req.params.accountId, req.body);
      if (!outcome.ok) throw new AppError(outcome.code, outcome.message);
      return reply.status(201).send(outcome.value);
    },
  );
};

function sendFile(reply: FastifyReply, format: 'pdf' | 'csv', file: { fileName: string; bytes: Buffer }): FastifyReply {
  return reply.header('content-disposition', `attachment; filename="${file.fileName}"`).type(CONTENT_TYPES[format]).send(file.bytes);
}
