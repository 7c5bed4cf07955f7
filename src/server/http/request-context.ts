import type { FastifyRequest } from 'fastify';
import type { Actor, RequestContext } from '../modules/auth/actor.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** The session cookie's value when the caller came with one (never logged). */
    sessionToken: string | undefined;
    csrfToken: string | null;
  }
}

/** What services receive about a request: who, and from where. */
export function ctxOf(request: FastifyRequest): RequestContext {
  return { actor: request.actor, ip: request.ip ?? null };
}
