import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZAdminContractParams,
  ZAdminMaintenanceContractListQuery,
  ZContractCoTerm,
  ZContractCoTermResult,
  ZContractFile,
  ZContractParams,
  ZContractRenew,
  ZContractSupersede,
  ZMaintenanceContract,
  ZMaintenanceContractList,
  ZMaintenanceContractListQuery,
  ZRenewalLookup,
  ZRenewalLookupResult,
} from '../../../contracts/contracts.js';
import { ZAccountParams } from '../../../contracts/common.js';
import type { Container } from '../../container.js';
import { authErrors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';

const tags = ['maintenance'];

export const contractsRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { maintenanceContracts, renewalAssistant } = container;

  app.get('/accounts/:accountId/maintenance-contracts', { schema: { tags, params: ZAccountParams, querystring: ZMaintenanceContractListQuery, response: { 200: ZMaintenanceContractList, ...authErrors } } }, async (req) =>
    maintenanceContracts.list(ctxOf(req), req.params.accountId, req.query),
  );

  app.get('/accounts/:accountId/maintenance-contracts/:serialNumber', { schema: { tags, params: ZContractParams, response: { 200: ZMaintenanceContract, ...authErrors } } }, async (req) =>
    maintenanceContracts.get(ctxOf(req), req.params.accountId, req.params.serialNumber),
  );

  app.get('/accounts/:accountId/maintenance-contracts/:serialNumber/file', { schema: { tags, params: ZContractParams, response: { 200: ZContractFile, ...authErrors } } }, async (req, reply) => {
    const file = await maintenanceContracts.contractFile(ctxOf(req), req.params.accountId, req.params.serialNumber);
    return reply.header('content-disposition', `attachment; filename="${file.payload.serialNumber}.contract.json"`).send(file);
  });

  app.get('/admin/maintenance-contracts', { schema: { tags: ['admin'], querystring: ZAdminMaintenanceContractListQuery, response: { 200: ZMaintenanceContractList, ...authErrors } } }, async (req) =>
    maintenanceContracts.listAll(ctxOf(req), req.query),
  );

  app.post('/admin/maintenance-contracts/:serialNumber/renew', { config: { access: 'vendor.write' }, schema: { tags: ['admin'], params: ZAdminContractParams, body: ZContractRenew, response: { 200: ZMaintenanceContract, ...authErrors } } }, async (req) =>
    maintenanceContracts.renew(ctxOf(req), req.params.serialNumber, req.body.endsAt),
  );

  app.post('/admin/maintenance-contracts/:serialNumber/supersede', { config: { access: 'vendor.write' }, schema: { tags: ['admin'], params: ZAdminContractParams, body: ZContractSupersede, response: { 200: ZMaintenanceContract, ...authErrors } } }, async (req) =>
    maintenanceContracts.supersede(ctxOf(req), req.params.serialNumber, req.body.bySerialNumber),
  );

  app.post('/admin/maintenance-contracts/co-term', { config: { access: 'vendor.write' }, schema: { tags: ['admin'], body: ZContractCoTerm, response: { 200: ZContractCoTermResult, ...authErrors } } }, async (req) =>
    maintenanceContracts.coTerm(ctxOf(req), req.body.serialNumbers, req.body.endsAt),
  );

  app.post('/renewal-assistant/lookup', { schema: { tags, body: ZRenewalLookup, response: { 200: ZRenewalLookupResult, ...authErrors } } }, async (req) =>
    renewalAssistant.lookup(ctxOf(req), req.body),
  );
};
