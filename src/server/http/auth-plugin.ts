import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { safeEqual } from '../platform/hash.js';
import { AppError } from './app-error.js';
import { anonymous } from '../modules/auth/actor.js';
import type { SessionRestriction, SessionService } from '../modules/auth/session.service.js';
import { isReachableWhileRestricted } from '../modules/two-factor/restricted-session.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set while the session may only enrol a second factor. */
    signInRestriction: SessionRestriction | null;
  }
}

export const SESSION_COOKIE = 'lp_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AuthPluginOptions {
  sessions: SessionService;
  secureCookies: boolean;
  publicUrl: string;
}

/**
 * Resolves who is calling (a Bearer API token or the session cookie) and guards cookie-authenticated
 * unsafe requests against cross-site forgery: the session's CSRF token must come back in
 * `X-CSRF-Token`, and a foreign `Origin` is refused outright.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: AuthPluginOptions) => {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('signInRestriction', null);

  app.addHook('onRequest', async (request: FastifyRequest) => {
    request.actor = anonymous;
    if (!request.url.startsWith('/api/')) return;
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      const actor = await opts.sessions.actorFromApiToken(bearer);
      if (!actor) throw new AppError('unauthenticated', 'the API token is unknown or revoked');
      request.actor = actor;
      return; // tokens are not sent by browsers on their own: no CSRF risk
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (UNSAFE.has(request.method)) checkOrigin(request, opts.publicUrl);
    if (!cookie) return;
    request.sessionToken = cookie;
    const session = await opts.sessions.actorFromSession(cookie);
    if (!session) return;
    if (UNSAFE.has(request.method) && !isCsrfExempt(request.url)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
        throw new AppError('csrf_token_invalid', 'missing or wrong X-CSRF-Token header; read it from GET /api/v1/me');
      }
    }
    if (session.restriction && !isReachableWhileRestricted(request.method, request.url)) {
      throw new AppError('two_factor_enrollment_required', 'a second factor is required of you: enrol an authenticator app first (GET /api/v1/me/two-factor)');
    }
    request.actor = session.actor;
    request.csrfToken = session.csrfToken;
    request.signInRestriction = session.restriction;
  });
});

/** Signing in and one-time links act on no session, so there is nothing to forge. */
function isCsrfExempt(url: string): boolean {
  return /^\/api\/v1\/auth\/(login|password-reset|invitations|sso\/start)/.test(url);
}

function checkOrigin(request: FastifyRequest, publicUrl: string): void {
  const origin = request.headers.origin;
  if (!origin) return;
  const host = request.headers.host;
  const allowed = new Set([new URL(publicUrl).origin, `http://${host}`, `https://${host}`]);
  if (!allowed.has(origin)) throw new AppError('csrf_token_invalid', 'cross-site request refused');
}

export function setSessionCookie(reply: FastifyReply, token: string, expires: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
