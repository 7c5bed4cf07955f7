import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAccountParams, ZPageQuery } from '../../../contracts/common.js';
import {
  ZAccount,
  ZAccountCreate,
  ZAccountList,
  ZAccountListQuery,
  ZAccountUser,
  ZAccountUserAdd,
  ZAccountUserList,
  ZAdminUserList,
  ZDelegationGrant,
  ZDelegationList,
  ZPartnerCustomerList,
  ZUserCreate,
  ZUserCreated,
  ZUserListQuery,
} from '../../../contracts/accounts.js';
import type { Container } from '../../container.js';
import { authErrors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';

export const accountsRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { accounts, delegations } = container;

  app.post('/admin/accounts', { config: { access: 'vendor.write' }, schema: { tags: ['admin'], body: ZAccountCreate, response: { 201: ZAccount, ...authErrors } } }, async (req, reply) =>
    reply.status(201).send(await accounts.createAccount(ctxOf(req), req.body)),
  );

  app.get('/admin/accounts', { schema: { tags: ['admin'], querystring: ZAccountListQuery, response: { 200: ZAccountList, ...authErrors } } }, async (req) =>
    accounts.listAccounts(ctxOf(req), req.query),
  );

  app.post('/admin/users', { config: { access: 'vendor.write' }, schema: { tags: ['admin'], body: ZUserCreate, response: { 201: ZUserCreated, ...authErrors } } }, async (req, reply) =>
    reply.status(201).send(await accounts.createUser(ctxOf(req), req.body)),
  );

  app.get('/admin/users', { schema: { tags: ['admin'], querystring: ZUserListQuery, response: { 200: ZAdminUserList, ...authErrors } } }, async (req) =>
    accounts.listUsers(ctxOf(req), req.query),
  );

  app.get('/accounts/:accountId', { schema: { tags: ['accounts'], params: ZAccountParams, response: { 200: ZAccount, ...authErrors } } }, async (req) =>
    accounts.getAccount(ctxOf(req), req.params.accountId),
  );

  app.get('/accounts/:accountId/users', { schema: { tags: ['accounts'], params: ZAccountParams, querystring: ZPageQuery, response: { 200: ZAccountUserList, ...authErrors } } }, async (req) =>
    accounts.listAccountUsers(ctxOf(req), req.params.accountId, req.query),
  );

  app.post('/accounts/:accountId/users', { config: { access: 'account.manage' }, schema: { tags: ['accounts'], params: ZAccountParams, body: ZAccountUserAdd, response: { 201: ZAccountUser, ...authErrors } } }, async (req, reply) =>
    reply.status(201).send(await accounts.addAccountUser(ctxOf(req), req.params.accountId, req.body)),
  );

  app.get('/accounts/:accountId/delegations', { schema: { tags: ['accounts'], params: ZAccountParams, response: { 200: ZDelegationList, ...authErrors } } }, async (req) =>
    delegations.list(ctxOf(req), req.params.accountId),
  );

  app.post('/accounts/:accountId/delegations', { config: { access: 'account.manage' }, schema: { tags: ['accounts'], params: ZAccountParams, body: ZDelegationGrant, response: { 201: ZDelegationList, ...authErrors } } }, async (req, reply) =>
    reply.status(201).send(await delegations.grant(ctxOf(req), req.params.accountId, req.body.partnerAccountId)),
  );

  app.delete('/accounts/:accountId/delegations/:partnerId', { config: { access: 'account.manage' }, schema: { tags: ['accounts'], params: ZAccountParams.extend({ partnerId: z.string().max(100) }), response: { 204: z.null(), ...authErrors } } }, async (req, reply) => {
    await delegations.revoke(ctxOf(req), req.params.accountId, req.params.partnerId);
    return reply.status(204).send(null);
  });

  app.get('/partner/customers', { schema: { tags: ['accounts'], querystring: ZPageQuery, response: { 200: ZPartnerCustomerList, ...authErrors } } }, async (req) =>
    delegations.customersOfPartner(ctxOf(req), req.query),
  );
};
