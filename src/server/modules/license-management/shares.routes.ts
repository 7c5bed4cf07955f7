import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAccountParams, ZPageQuery } from '../../../contracts/common.js';
import {
  ZSavedView,
  ZSavedViewCreate,
  ZSavedViewList,
  ZSavedViewParams,
  ZShare,
  ZShareCreate,
  ZShareList,
  ZShareParams,
} from '../../../contracts/license-management.js';
import { ZLicenseParams } from '../../../contracts/licenses.js';
import { authErrors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';
import type { LicenseManagement } from './license-management.module.js';

/** Shares of a license, and each person's saved views of the list. */
export const sharesRoutes: FastifyPluginAsyncZod<{ licenses: LicenseManagement }> = async (app, { licenses }) => {
  const tags = ['licenses'];

  app.get('/accounts/:accountId/licenses/:licenseId/shares', { schema: { tags, params: ZLicenseParams, querystring: ZPageQuery, response: { 200: ZShareList, ...authErrors } } }, async (req) =>
    licenses.shares.list(ctxOf(req), req.params.accountId, req.params.licenseId, req.query),
  );

  app.post(
    '/accounts/:accountId/licenses/:licenseId/shares',
    { config: { access: 'account.manage' }, schema: { tags, description: 'Shares with a user of another account; sharing again with the same user changes the permission (200).', params: ZLicenseParams, body: ZShareCreate, response: { 200: ZShare, 201: ZShare, ...authErrors } } },
    async (req, reply) => {
      const { share, created } = await licenses.shares.share(ctxOf(req), req.params.accountId, req.params.licenseId, req.body);
      return reply.status(created ? 201 : 200).send(share);
    },
  );

  app.delete('/accounts/:accountId/licenses/:licenseId/shares/:shareId', { config: { access: 'account.manage' }, schema: { tags, params: ZShareParams, response: { 204: z.null(), ...authErrors } } }, async (req, reply) => {
    await licenses.shares.revoke(ctxOf(req), req.params.accountId, req.params.licenseId, req.params.shareId);
    return reply.status(204).send(null);
  });

  app.get('/accounts/:accountId/license-views', { schema: { tags, params: ZAccountParams, response: { 200: ZSavedViewList, ...authErrors } } }, async (req) =>
    licenses.views.list(ctxOf(req), req.params.accountId),
  );

  app.post('/accounts/:accountId/license-views', { schema: { tags, params: ZAccountParams, body: ZSavedViewCreate, response: { 201: ZSavedView, ...authErrors } } }, async (req, reply) =>
    reply.status(201).send(await licenses.views.save(ctxOf(req), req.params.accountId, req.body)),
  );

  app.delete('/accounts/:accountId/license-views/:viewId', { schema: { tags, params: ZSavedViewParams, response: { 204: z.null(), ...authErrors } } }, async (req, reply) => {
    await licenses.views.delete(ctxOf(req), req.params.accountId, req.params.viewId);
    return reply.status(204).send(null);
  });
};
