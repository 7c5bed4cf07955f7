import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZPublicConfig } from '../contracts/admin.js';
import type { Container } from './container.js';
import { isDatabaseReachable } from './db/database.js';
import { AppError } from './http/app-error.js';
import { accessPlugin, type RouteAccess } from './http/access-plugin.js';
import { authPlugin } from './http/auth-plugin.js';
import { answerFrameworkError, registerErrorHandler } from './http/error-handler.js';
import { idempotencyPlugin } from './http/idempotency-plugin.js';
import { registerInputHygiene } from './http/input-hygiene.js';
import { registerMetrics } from './http/metrics.js';
import { accountsRepository } from './modules/accounts/accounts.repository.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { adminRoutes } from './modules/admin.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { flexRoutes } from './modules/flex/flex.routes.js';
import { vouchersRoutes } from './modules/vouchers/vouchers.routes.js';
import { catalogRoutes } from './modules/catalog/catalog.routes.js';
import { ordersRoutes } from './modules/orders/orders.routes.js';
import { signingRoutes } from './modules/signing/signing.routes.js';
import { licensesRoutes } from './modules/licenses/licenses.routes.js';
import { getAKeyRoutes } from './modules/get-a-key/get-a-key.routes.js';
import { licenseManagementRoutes } from './modules/license-management/license-management.routes.js';
import { twoFactorRoutes } from './modules/two-factor/two-factor.routes.js';
import { securityRoutes } from './modules/security-log/security.routes.js';
import { ssoRoutes } from './modules/sso/sso.routes.js';
import { downloadsRoutes } from './modules/downloads/downloads.routes.js';
import { downloadLinkRoutes } from './modules/downloads/download-link.routes.js';
import { activationRoutes } from './modules/activation/activation.routes.js';
import { contractsRoutes } from './modules/contracts/contracts.routes.js';
import { remindersRoutes } from './modules/reminders/reminders.routes.js';
import { alertsRoutes } from './modules/alerts/alerts.routes.js';
import { webhooksRoutes } from './modules/webhooks/webhooks.routes.js';
import { upgradesRoutes } from './modules/upgrades/upgrades.routes.js';
import { validateFastPath, type FastPath } from './modules/activation/validate-fast-path.js';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Where the built web app lives; served at `/` with a fallback to index.html. */
  webRoot?: string;
}

const API = '/api/v1';
const BODY_LIMIT = 1024 * 1024;

/** Every route the app serves, for the access walk in the tests and the docs. */
export interface RouteEntry {
  method: string;
  url: string;
  config: RouteAccess;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeCatalog: RouteEntry[];
  }
}

/** Builds the HTTP app on a container; never listens (tests use `inject`, main.ts listens). */
export async function buildApp(container: Container, options: AppOptions = {}): Promise<FastifyInstance> {
  // Set once the app is built, cleared when it starts closing (Fastify then answers 503 itself).
  let fastPath: FastPath | null = null;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    trustProxy: true,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: answerFrameworkError,
    serverFactory: (handler, serverOptions) => {
      // As Fastify makes its own server, plus the validation fast path in front of the router.
      const server = createServer(serverOptions.http ?? {}, (request, response) => {
        if (!fastPath?.(request, response)) handler(request, response);
      });
      // Fastify hands over its options with their defaults filled in.
      const timeouts = serverOptions as { keepAliveTimeout: number; requestTimeout: number; connectionTimeout: number };
      server.keepAliveTimeout = timeouts.keepAliveTimeout;
      server.requestTimeout = timeouts.requestTimeout;
      server.setTimeout(timeouts.connectionTimeout);
      return server;
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerInputHygiene(app);
  const routeCatalog: RouteEntry[] = [];
  app.decorate('routeCatalog', routeCatalog);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routeCatalog.push({ method, url: route.url, config: (route.config ?? {}) as RouteAccess });
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: container.config.secureCookies,
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: `${container.config.vendorName} Licensing Portal API`, version: '1.0.0' },
      servers: [{ url: container.config.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lp_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  const observe = registerMetrics(app);
  await app.register(authPlugin, { sessions: container.sessions, secureCookies: container.config.secureCookies, publicUrl: container.config.publicUrl });
  await app.register(accessPlugin, {
    accountExists: async (id) => (await accountsRepository.findAccount(container.store.db, id)) !== undefined,
  });
  await app.register(idempotencyPlugin, { db: container.store.db, clock: container.clock });

  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    const ok = await isDatabaseReachable(container.store.db);
    if (!ok) throw new AppError('unavailable', 'the database does not answer');
    return reply.send({ status: 'ok' });
  });

  await app.register(
    async (api) => {
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      api.get('/config/public', { schema: { tags: ['system'], response: { 200: ZPublicConfig } } }, async () => ({
        vendorName: container.config.vendorName,
        demo: container.config.demo === true,
      }));
      for (const routes of [authRoutes, accountsRoutes, adminRoutes, downloadsRoutes, activationRoutes, twoFactorRoutes, securityRoutes, ssoRoutes, catalogRoutes, ordersRoutes, signingRoutes, licensesRoutes, getAKeyRoutes, licenseManagementRoutes, flexRoutes, vouchersRoutes, contractsRoutes, remindersRoutes, alertsRoutes, webhooksRoutes, upgradesRoutes]) await api.register(routes, { container });
    },
    { prefix: API },
  );

  await app.register(downloadLinkRoutes, { container });

  registerWebApp(app, options.webRoot ?? join(process.cwd(), 'web', 'dist'));
  fastPath = validateFastPath({ validation: container.validation, observe, log: app.log, bodyLimit: BODY_LIMIT });
  app.addHook('preClose', async () => {
    fastPath = null;
  });
  return app;
}

/** The single-page app: its files, and index.html for any other page path so deep links work. */
function registerWebApp(app: FastifyInstance, webRoot: string): void {
  const hasWebApp = existsSync(join(webRoot, 'index.html'));
  if (hasWebApp) void app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const isPage = request.method === 'GET' && !/^\/(api|docs|dl|metrics|healthz)(\/|$)/.test(path) && !/\.[a-z0-9]+$/i.test(path);
    if (hasWebApp && isPage) return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send({ error: { code: 'not_found', message: `no route for ${request.method} ${path}` } });
  });
}
