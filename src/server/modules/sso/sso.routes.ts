import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAccountParams } from '../../../contracts/common.js';
import {
  ZIdentityProvider,
  ZIdentityProviderPut,
  ZSsoDomain,
  ZSsoDomainClaim,
  ZSsoDomainList,
  ZSsoDomainParams,
  ZSsoStart,
  ZSsoStartAnswer,
} from '../../../contracts/sso.js';
import type { Container } from '../../container.js';
import { setSessionCookie } from '../../http/auth-plugin.js';
import { authErrors, errors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';

/** Binds a sign-in at the provider to the browser that started it (see sso_login_states.browser_hash). */
const BINDING_COOKIE = 'lp_sso';
const BINDING_PATH = '/api/v1/auth/sso';

export const ssoRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { ssoSignIn, ssoConfig, config } = container;
  const manage = { access: 'account.manage' as const };

  app.post(
    '/auth/sso/start',
    { schema: { tags: ['auth'], body: ZSsoStart, response: { 200: ZSsoStartAnswer, ...errors(400, 429) } } },
    async (req, reply) => {
      const started = await ssoSignIn.start(ctxOf(req), req.body.email, req.body.returnTo);
      if (started.redirectUrl === null) return { redirectUrl: null };
      reply.setCookie(BINDING_COOKIE, started.browserBinding, {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        path: BINDING_PATH,
        maxAge: 600,
      });
      return { redirectUrl: started.redirectUrl };
    },
  );

  app.get(
    '/auth/sso/callback',
    {
      schema: {
        tags: ['auth'],
        description:
          'Where the identity provider sends the browser back; answers with a redirect into the portal (or to `/sign-in/sso?error=<code>`).',
        querystring: z.object({
          code: z.string().max(4000).optional(),
          state: z.string().max(200).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(2000).optional(),
        }),
        response: { 302: z.null() },
      },
    },
    async (req, reply) => {
      const outcome = await ssoSignIn.callback(
        {
          ...ctxOf(req),
          userAgent: req.headers['user-agent'] ?? null,
          previousSessionToken: req.sessionToken,
        },
        req.query,
        req.cookies[BINDING_COOKIE],
      );
      reply.clearCookie(BINDING_COOKIE, { path: BINDING_PATH });
      if (!outcome.ok) return reply.redirect(`/sign-in/sso?error=${outcome.code}`, 302);
      setSessionCookie(
        reply,
        outcome.signedIn.sessionToken,
        outcome.signedIn.expiresAt,
        config.secureCookies,
      );
      return reply.redirect(outcome.returnTo, 302);
    },
  );

  app.get(
    '/accounts/:accountId/identity-provider',
    {
      config: manage,
      schema: { tags: ['sso'], params: ZAccountParams, response: { 200: ZIdentityProvider, ...authErrors } },
    },
    async (req) => ssoConfig.getProvider(ctxOf(req), req.params.accountId),
  );

  app.put(
    '/accounts/:accountId/identity-provider',
    {
      config: manage,
      schema: {
        tags: ['sso'],
        params: ZAccountParams,
        body: ZIdentityProviderPut,
        response: { 200: ZIdentityProvider, ...authErrors },
      },
    },
    async (req) => ssoConfig.putProvider(ctxOf(req), req.params.accountId, req.body),
  );

  app.delete(
    '/accounts/:accountId/identity-provider',
    {
      config: manage,
      schema: {
        tags: ['sso'],
        params: ZAccountParams,
        response: { 204: z.null(), ...authErrors, ...errors(409) },
      },
    },
    async (req, reply) => {
      await ssoConfig.deleteProvider(ctxOf(req), req.params.accountId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/accounts/:accountId/sso-domains',
    {
      config: manage,
      schema: { tags: ['sso'], params: ZAccountParams, response: { 200: ZSsoDomainList, ...authErrors } },
    },
    async (req) => ssoConfig.listDomains(ctxOf(req), req.params.accountId),
  );

  app.post(
    '/accounts/:accountId/sso-domains',
    {
      config: manage,
      schema: {
        tags: ['sso'],
        params: ZAccountParams,
        body: ZSsoDomainClaim,
        response: { 201: ZSsoDomain, ...authErrors, ...errors(409) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await ssoConfig.claimDomain(ctxOf(req), req.params.accountId, req.body.domain)),
  );

  app.post(
    '/accounts/:accountId/sso-domains/:domain/verify',
    {
      config: manage,
      schema: {
        tags: ['sso'],
        params: ZSsoDomainParams,
        response: { 200: ZSsoDomain, ...authErrors, ...errors(409) },
      },
    },
    async (req) => ssoConfig.verifyDomain(ctxOf(req), req.params.accountId, req.params.domain),
  );

  app.delete(
    '/accounts/:accountId/sso-domains/:domain',
    {
      config: manage,
      schema: { tags: ['sso'], params: ZSsoDomainParams, response: { 204: z.null(), ...authErrors } },
    },
    async (req, reply) => {
      await ssoConfig.removeDomain(ctxOf(req), req.params.accountId, req.params.domain);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/admin/sso-domains/:domain/verify',
    {
      config: { access: 'vendor.write' },
      schema: {
        tags: ['admin'],
        params: z.object({ domain: z.string().min(1).max(253) }),
        response: { 200: ZSsoDomain, ...authErrors },
      },
    },
    async (req) => ssoConfig.verifyDomainByVendor(ctxOf(req), req.params.domain),
  );
};
