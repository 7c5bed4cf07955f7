import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAccountParams } from '../../../contracts/common.js';
import {
  ZAdminFlexContractListQuery,
  ZDrawDownCreate,
  ZDrawDownResult,
  ZFlexContract,
  ZFlexContractCreate,
  ZFlexContractCreated,
  ZFlexContractList,
  ZFlexContractListQuery,
  ZFlexContractParams,
  ZFlexLedger,
  ZFlexLedgerQuery,
  ZFlexReturnCreate,
  ZFlexReturnResult,
  ZFlexUsage,
  ZFlexUsageQuery,
} from '../../../contracts/flex.js';
import type { Container } from '../../container.js';
import { AppError } from '../../http/app-error.js';
import { authErrors, errors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';
import type { FlexOutcome } from './draw-downs.service.js';

const ZCsv = z.string().describe('text/csv');

/** Enterprise Flexible (SPEC §8, §13): the vendor's contracts, and an account's pools, draw-downs, returns and usage. */
export const flexRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { flexContracts, drawDowns } = container;

  app.post('/admin/flex-contracts', { config: { access: 'vendor.write' }, schema: { tags: ['admin'], body: ZFlexContractCreate, response: { 201: ZFlexContractCreated, ...authErrors } } }, async (req, reply) =>
    reply.status(201).send(await flexContracts.create(ctxOf(req), req.body)),
  );

  app.get('/admin/flex-contracts', { schema: { tags: ['admin'], querystring: ZAdminFlexContractListQuery, response: { 200: ZFlexContractList, ...authErrors } } }, async (req) =>
    flexContracts.listAll(ctxOf(req), req.query),
  );

  app.get('/accounts/:accountId/flex-contracts', { schema: { tags: ['enterprise flexible'], params: ZAccountParams, querystring: ZFlexContractListQuery, response: { 200: ZFlexContractList, ...authErrors } } }, async (req) =>
    flexContracts.list(ctxOf(req), req.params.accountId, req.query),
  );

  app.get('/accounts/:accountId/flex-contracts/:contractId', { schema: { tags: ['enterprise flexible'], params: ZFlexContractParams, response: { 200: ZFlexContract, ...authErrors } } }, async (req) =>
    flexContracts.get(ctxOf(req), req.params.accountId, req.params.contractId),
  );

  app.post(
    '/accounts/:accountId/flex-contracts/:contractId/draw-downs',
    {
      config: { access: 'account.operate' },
      schema: {
        tags: ['enterprise flexible'],
        description: 'Issues a license against the pool. 409 pool_exhausted when it holds fewer units; 422 contract_not_active outside the term.',
        params: ZFlexContractParams,
        body: ZDrawDownCreate,
        response: { 201: ZDrawDownResult, ...authErrors, ...errors(409, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(settle(await drawDowns.drawDown(ctxOf(req), req.params.accountId, req.params.contractId, req.body))),
  );

  app.post(
    '/accounts/:accountId/flex-contracts/:contractId/returns',
    {
      config: { access: 'account.operate' },
      schema: {
        tags: ['enterprise flexible'],
        description: 'Retires a drawn license and gives units back; a partial return keeps the rest under a new license.',
        params: ZFlexContractParams,
        body: ZFlexReturnCreate,
        response: { 201: ZFlexReturnResult, ...authErrors, ...errors(409, 422) },
      },
    },
    async (req, reply) => reply.status(201).send(settle(await drawDowns.returnUnits(ctxOf(req), req.params.accountId, req.params.contractId, req.body))),
  );

  app.get('/accounts/:accountId/flex-contracts/:contractId/ledger', { schema: { tags: ['enterprise flexible'], params: ZFlexContractParams, querystring: ZFlexLedgerQuery, response: { 200: ZFlexLedger, ...authErrors } } }, async (req) =>
    flexContracts.ledger(ctxOf(req), req.params.accountId, req.params.contractId, req.query),
  );

  app.get(
    '/accounts/:accountId/flex-contracts/:contractId/usage',
    { schema: { tags: ['enterprise flexible'], description: 'Per product and month; `?format=csv` answers the same as usage.csv.', params: ZFlexContractParams, querystring: ZFlexUsageQuery, response: { 200: ZFlexUsage.or(ZCsv), ...authErrors } } },
    async (req, reply) => {
      if (req.query.format === 'csv') return sendCsv(reply, await flexContracts.usageCsv(ctxOf(req), req.params.accountId, req.params.contractId));
      return flexContracts.usage(ctxOf(req), req.params.accountId, req.params.contractId);
    },
  );

  app.get('/accounts/:accountId/flex-contracts/:contractId/usage.csv', { schema: { tags: ['enterprise flexible'], params: ZFlexContractParams, response: { 200: ZCsv, ...authErrors } } }, async (req, reply) =>
    sendCsv(reply, await flexContracts.usageCsv(ctxOf(req), req.params.accountId, req.params.contractId)),
  );
};

/** A refusal the service expected becomes its status; nothing was changed. */
function settle<T>(outcome: FlexOutcome<T>): T {
  if (!outcome.ok) throw new AppError(outcome.code, outcome.message);
  return outcome.value;
}

function sendCsv(reply: FastifyReply, file: { fileName: string; csv: string }): FastifyReply {
  return reply.header('content-disposition', `attachment; filename="${file.fileName}"`).type('text/csv; charset=utf-8').send(file.csv);
}
