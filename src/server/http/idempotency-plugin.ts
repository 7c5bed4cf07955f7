import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { sha256Hex } from '../platform/hash.js';
import { AppError } from './app-error.js';
import { idempotencyRepository, type IdempotencyId } from '../modules/idempotency/idempotency.repository.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEEP_HOURS = 24;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: IdempotencyId | undefined;
  }
}

/**
 * `Idempotency-Key` on unsafe requests (SPEC §13): a retry with the same key, by the same user or
 * token, method and path, gets the first answer; the same key with another body answers 422;
 * while the first is still running, 409. A 5xx is not kept, so the client may try again.
 */
export const idempotencyPlugin = fp(async (app: FastifyInstance, opts: { db: Db; clock: Clock }) => {
  app.decorateRequest('idempotency', undefined);

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || !UNSAFE.has(request.method)) return;
    if (key.length < 1 || key.length > 200) throw new AppError('validation_failed', 'Idempotency-Key must be 1 to 200 characters', [{ field: 'Idempotency-Key', message: 'must be 1 to 200 characters' }]);
    const scope = scopeOf(request);
    if (!scope) return;
    const id: IdempotencyId = { scope, key, method: request.method, path: request.url.split('?')[0]! };
    const requestHash = sha256Hex(JSON.stringify(request.body ?? null) + '|' + (request.url.split('?')[1] ?? ''));
    const now = opts.clock.now();
    const row = {
      ...id,
      request_hash: requestHash,
      state: 'running' as const,
      response_status: null,
      response_body: null,
      response_type: null,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + KEEP_HOURS * 3600 * 1000).toISOString(),
    };
    let first = (await idempotencyRepository.claim(opts.db, row)) ? undefined : await idempotencyRepository.find(opts.db, id);
    if (first && first.expires_at <= row.created_at) {
      // Kept past its 24 hours: the key is free again.
      await idempotencyRepository.remove(opts.db, id);
      first = (await idempotencyRepository.claim(opts.db, row)) ? undefined : await idempotencyRepository.find(opts.db, id);
    }
    if (!first) {
      request.idempotency = id;
      return;
    }
    if (first.request_hash !== requestHash) {
      throw new AppError('idempotency_key_reused', 'this Idempotency-Key was used with a different request');
    }
    if (first.state === 'running') throw new AppError('idempotency_request_in_progress', 'the first request with this Idempotency-Key is still running');
    reply.header('idempotent-replayed', 'true');
    if (first.response_type) reply.type(first.response_type);
    return reply.status(first.response_status ?? 200).send(first.response_body ?? '');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const id = request.idempotency;
    if (!id) return payload;
    request.idempotency = undefined;
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      await idempotencyRepository.remove(opts.db, id);
    } else {
      const type = reply.getHeader('content-type');
      await idempotencyRepository.complete(opts.db, id, reply.statusCode, payload, typeof type === 'string' ? type : null);
    }
    return payload;
  });
});

function scopeOf(request: FastifyRequest): string | undefined {
  const a = request.actor;
  if (a.kind === 'user') return `user:${a.userId}`;
  if (a.kind === 'token') return `token:${a.tokenId}`;
  return undefined;
}
