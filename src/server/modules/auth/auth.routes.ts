import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAccountParams } from '../../../contracts/common.js';
import {
  ZApiTokenCreate,
  ZApiTokenCreated,
  ZApiTokenList,
  ZLoginBody,
  ZMe,
  ZPasswordResetRequest,
  ZSetPasswordWithToken,
} from '../../../contracts/auth.js';
import { ZLoginSecondFactor, ZSecondFactorRequired, ZSignedIn } from '../../../contracts/two-factor.js';
import type { Container } from '../../container.js';
import { clearSessionCookie, setSessionCookie } from '../../http/auth-plugin.js';
import { AppError } from '../../http/app-error.js';
import { authErrors, errors } from '../../http/openapi.js';
import { ctxOf } from '../../http/request-context.js';
import type { SignedIn } from './session.service.js';

export const authRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  const { sessions, credentials, apiTokens, me, config } = container;

  const signInCtx = (req: FastifyRequest) => ({ ...ctxOf(req), userAgent: req.headers['user-agent'] ?? null, previousSessionToken: req.sessionToken });
  const answerSignedIn = (reply: FastifyReply, signedIn: SignedIn) => {
    setSessionCookie(reply, signedIn.sessionToken, signedIn.expiresAt, config.secureCookies);
    return { user: signedIn.user, csrfToken: signedIn.csrfToken, ...(signedIn.restriction ? { twoFactorEnrollmentRequired: true as const } : {}) };
  };

  app.post('/auth/login', { schema: { tags: ['auth'], body: ZLoginBody, response: { 200: z.union([ZSignedIn, ZSecondFactorRequired]), ...errors(400, 401, 403, 429) } } }, async (req, reply) => {
    const outcome = await sessions.login(signInCtx(req), req.body.email, req.body.password);
    if ('twoFactorRequired' in outcome) return outcome;
    return answerSignedIn(reply, outcome);
  });

  app.post('/auth/login/totp', { schema: { tags: ['auth'], body: ZLoginSecondFactor, response: { 200: ZSignedIn, ...errors(400, 401, 422, 429) } } }, async (req, reply) =>
    answerSignedIn(reply, await sessions.completeLogin(signInCtx(req), req.body.challengeToken, req.body.code)),
  );

  app.post('/auth/logout', { schema: { tags: ['auth'], response: { 204: z.null(), ...errors(403) } } }, async (req, reply) => {
    if (req.sessionToken) await sessions.logout(req.sessionToken);
    clearSessionCookie(reply, config.secureCookies);
    return reply.status(204).send(null);
  });

  app.get('/me', { schema: { tags: ['auth'], response: { 200: ZMe, ...errors(401) } } }, async (req) => {
    if (req.actor.kind !== 'user') throw new AppError('unauthenticated', 'sign in first');
    const described = await me.describe(req.actor, req.csrfToken);
    return req.signInRestriction ? { ...described, signInRestriction: req.signInRestriction } : described;
  });

  app.post('/auth/password-reset', { schema: { tags: ['auth'], body: ZPasswordResetRequest, response: { 202: z.null(), ...errors(400, 429) } } }, async (req, reply) => {
    await credentials.requestPasswordReset(ctxOf(req), req.body.email);
    return reply.status(202).send(null);
  });

  app.post('/auth/password-reset/confirm', { schema: { tags: ['auth'], body: ZSetPasswordWithToken, response: { 204: z.null(), ...errors(400, 422, 429) } } }, async (req, reply) => {
    await credentials.setPasswordWithToken(ctxOf(req), 'password_reset', req.body.token, req.body.password);
    return reply.status(204).send(null);
  });

  app.post('/auth/invitations/accept', { schema: { tags: ['auth'], body: ZSetPasswordWithToken, response: { 204: z.null(), ...errors(400, 422, 429) } } }, async (req, reply) => {
    await credentials.setPasswordWithToken(ctxOf(req), 'invitation', req.body.token, req.body.password);
    return reply.status(204).send(null);
  });

  app.post('/accounts/:accountId/api-tokens', { config: { access: 'account.manage' }, schema: { tags: ['auth'], params: ZAccountParams, body: ZApiTokenCreate, response: { 201: ZApiTokenCreated, ...authErrors } } }, async (req, reply) => {
    return reply.status(201).send(await apiTokens.create(ctxOf(req), req.params.accountId, req.body));
  });

  app.get('/accounts/:accountId/api-tokens', { config: { access: 'account.manage' }, schema: { tags: ['auth'], params: ZAccountParams, response: { 200: ZApiTokenList, ...authErrors } } }, async (req) => {
    return { items: await apiTokens.list(ctxOf(req), req.params.accountId), nextCursor: null };
  });

  app.delete('/accounts/:accountId/api-tokens/:tokenId', { config: { access: 'account.manage' }, schema: { tags: ['auth'], params: ZAccountParams.extend({ tokenId: z.string().max(100) }), response: { 204: z.null(), ...authErrors } } }, async (req, reply) => {
    await apiTokens.revoke(ctxOf(req), req.params.accountId, req.params.tokenId);
    return reply.status(204).send(null);
  });
};
