import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Container } from '../../container.js';
import { customFieldsRoutes } from './custom-fields.routes.js';
import { licenseListRoutes } from './license-list.routes.js';
import { sharesRoutes } from './shares.routes.js';

/** Manage My Licenses (SPEC §7) under `/api/v1`. */
export const licenseManagementRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const licenses = container.licenseManagement;
  for (const routes of [licenseListRoutes, customFieldsRoutes, sharesRoutes]) await app.register(routes, { licenses });
};
