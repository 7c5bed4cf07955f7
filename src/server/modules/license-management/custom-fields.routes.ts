import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZAccountParams } from '../../../contracts/common.js';
import {
  ZBulkResult,
  ZCustomField,
  ZCustomFieldCreate,
  ZCustomFieldList,
  ZCustomValues,
  ZCustomValuesBulkSet,
  ZCustomValuesImport,
  ZCustomValuesSet,
  ZImportReport,
} from '../../../contracts/license-management.js';
import { ZLicenseParams } from '../../../contracts/licenses.js';
import { authErrors, errors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';
import type { LicenseManagement } from './license-management.module.js';

const tags = ['custom fields'];
const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

/** Custom field definitions, values of one license, of a selection, and from CSV. */
export const customFieldsRoutes: FastifyPluginAsyncZod<{ licenses: LicenseManagement }> = async (app, { licenses }) => {
  if (!app.hasContentTypeParser('text/csv')) {
    app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: MAX_IMPORT_BYTES }, (_req, body, done) => done(null, body));
  }

  app.get('/accounts/:accountId/custom-fields', { schema: { tags, params: ZAccountParams, response: { 200: ZCustomFieldList, ...authErrors } } }, async (req) =>
    licenses.customFields.list(ctxOf(req), req.params.accountId),
  );

  app.post('/accounts/:accountId/custom-fields', { config: { access: 'account.manage' }, schema: { tags, params: ZAccountParams, body: ZCustomFieldCreate, response: { 201: ZCustomField, ...authErrors, ...errors(409) } } }, async (req, reply) =>
    reply.status(201).send(await licenses.customFields.create(ctxOf(req), req.params.accountId, req.body)),
  );

  app.put('/accounts/:accountId/licenses/:licenseId/custom-fields', { schema: { tags, params: ZLicenseParams, body: ZCustomValuesSet, response: { 200: ZCustomValues, ...authErrors } } }, async (req) =>
    licenses.customValues.set(ctxOf(req), req.params.accountId, req.params.licenseId, req.body.values),
  );

  app.put(
    '/accounts/:accountId/custom-fields/values',
    { schema: { tags, description: 'Sets the same values on every license of a selection; nothing changes if one is refused.', params: ZAccountParams, body: ZCustomValuesBulkSet, response: { 200: ZBulkResult, ...authErrors } } },
    async (req) => licenses.customValues.bulkSet(ctxOf(req), req.params.accountId, req.body),
  );

  app.post(
    '/accounts/:accountId/custom-fields/import',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      config: { access: 'account.operate' },
      schema: {
        tags,
        description: 'text/csv (or JSON `{csv}`): a licenseKey (or licenseId) column and one column per field; an empty cell leaves the value as it is.',
        params: ZAccountParams,
        body: ZCustomValuesImport,
        response: { 200: ZImportReport, ...authErrors, ...errors(413) },
      },
    },
    async (req) => licenses.customValuesImport.importCsv(ctxOf(req), req.params.accountId, typeof req.body === 'string' ? req.body : req.body.csv),
  );
};
