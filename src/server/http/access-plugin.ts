import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './app-error.js';
import { authorize, type AccountAction, type VendorAction } from '../modules/auth/authorize.js';

/**
 * Route options for access. Every account route (`/accounts/:accountId/…`) and every `/admin/…`
 * route is checked here before its body is even validated, so a foreign account always answers
 * 404 and no session always 401, whatever the request. Services check their exact action again.
 */
export interface RouteAccess {
  /** The least an account route needs (default `account.read`); `/admin/…` routes: `vendor.read`. */
  access?: AccountAction | VendorAction;
  /** The route authenticates by a token of its own (a calendar feed, a download link): no session needed. */
  public?: boolean;
}

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges RouteAccess into Fastify's route config
  interface FastifyContextConfig extends RouteAccess {}
}

const API_PREFIX = '/api/v1';

export interface AccessPluginOptions {
  /** Vendor staff reach every account, so for them the account must be checked to exist. */
  accountExists(accountId: string): Promise<boolean>;
}

export const accessPlugin = fp(async (app: FastifyInstance, opts: AccessPluginOptions) => {
  app.addHook('preValidation', async (request) => {
    const route = request.routeOptions.url;
    if (!route?.startsWith(API_PREFIX)) return;
    const config = request.routeOptions.config as RouteAccess;
    if (config.public) return;
    const path = route.slice(API_PREFIX.length);
    const isAdmin = path.startsWith('/admin/');
    const accountId = (request.params as { accountId?: string } | undefined)?.accountId;
    const needsSignIn = isAdmin || accountId !== undefined || path === '/me' || path.startsWith('/partner/');
    if (!needsSignIn) return;
    if (request.actor.kind === 'anonymous') throw new AppError('unauthenticated', 'sign in first');
    if (isAdmin) authorize(request.actor, (config.access as VendorAction | undefined) ?? 'vendor.read');
    else if (accountId !== undefined) {
      const access = authorize(request.actor, (config.access as AccountAction | undefined) ?? 'account.read', accountId);
      const reachesEveryAccount = access.role === 'vendor-admin' || access.role === 'vendor-support';
      if (reachesEveryAccount && !(await opts.accountExists(accountId))) throw new AppError('not_found', 'not found');
    }
  });
});
