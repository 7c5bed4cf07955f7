import type { FastifyInstance } from 'fastify';
import { AppError } from './app-error.js';

const NUL_MESSAGE = 'text may not contain NUL characters';

/**
 * Refuses NUL characters anywhere in a request: PostgreSQL cannot store them in text, and no
 * portal value needs one. Without this, such input would fail deep in a query as a 500.
 */
export function registerInputHygiene(app: FastifyInstance): void {
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as AppError, undefined);
    }
  });
  app.addHook('onRequest', async (request) => {
    if (/%00/.test(request.url) || request.url.includes('\u0000')) {
      throw new AppError('validation_failed', NUL_MESSAGE, [{ field: 'url', message: NUL_MESSAGE }]);
    }
  });
}

/** A JSON request body as the portal reads it: no NUL anywhere, empty means absent. Throws AppError. */
export function parseJsonBody(text: string): unknown {
  if (text.includes('\\u0000') || text.includes('\u0000')) {
    throw new AppError('validation_failed', NUL_MESSAGE, [{ field: 'body', message: NUL_MESSAGE }]);
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('validation_failed', 'body is not valid JSON', [{ field: 'body', message: 'is not valid JSON' }]);
  }
}
