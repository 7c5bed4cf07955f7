import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAccountParams } from '../../../contracts/common.js';
import {
  ZLicenseExportQuery,
  ZLicenseHistory,
  ZLicenseHistoryQuery,
  ZLicenseList,
  ZLicenseListQuery,
  ZLicenseSummary,
} from '../../../contracts/license-management.js';
import { ZLicenseParams } from '../../../contracts/licenses.js';
import { authErrors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';
import type { LicenseManagement } from './license-management.module.js';

const tags = ['licenses'];

/** The list, its chart counts, its CSV export and a license's history. */
export const licenseListRoutes: FastifyPluginAsyncZod<{ licenses: LicenseManagement }> = async (app, { licenses }) => {
  app.get('/accounts/:accountId/licenses', { schema: { tags, params: ZAccountParams, querystring: ZLicenseListQuery, response: { 200: ZLicenseList, ...authErrors } } }, async (req) =>
    licenses.list.list(ctxOf(req), req.params.accountId, req.query),
  );

  app.get('/accounts/:accountId/licenses/summary', { schema: { tags, params: ZAccountParams, querystring: ZLicenseExportQuery, response: { 200: ZLicenseSummary, ...authErrors } } }, async (req) =>
    licenses.list.summary(ctxOf(req), req.params.accountId, req.query),
  );

  app.get(
    '/accounts/:accountId/licenses.csv',
    { schema: { tags, description: 'The filtered list as CSV (text/csv), streamed; custom fields are columns.', params: ZAccountParams, querystring: ZLicenseExportQuery, response: { 200: z.any().describe('text/csv'), ...authErrors } } },
    async (req, reply) => {
      const stream = await licenses.exporter.csv(ctxOf(req), req.params.accountId, req.query);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="licenses.csv"').send(stream);
    },
  );

  app.get('/accounts/:accountId/licenses/:licenseId/history', { schema: { tags, params: ZLicenseParams, querystring: ZLicenseHistoryQuery, response: { 200: ZLicenseHistory, ...authErrors } } }, async (req) =>
    licenses.history.history(ctxOf(req), req.params.accountId, req.params.licenseId, req.query),
  );
};
