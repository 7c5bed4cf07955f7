import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { ZValidateRequest, type TValidateRequest } from '../../../contracts/activation.js';
import { AppError } from '../../http/app-error.js';
import { errorEnvelope, invalidInput } from '../../http/error-handler.js';
import { parseJsonBody } from '../../http/input-hygiene.js';
import type { ObserveRequest } from '../../http/metrics.js';
import { anonymous } from '../auth/actor.js';
import type { ValidationService } from './validation.service.js';

export const VALIDATE_PATH = '/api/v1/validate';

export interface ValidateFastPathDeps {
  validation: ValidationService;
  observe: ObserveRequest;
  log: FastifyBaseLogger;
  bodyLimit: number;
}

/** Takes the request and answers it (true), or leaves it to Fastify (false). */
export type FastPath = (request: IncomingMessage, response: ServerResponse) => boolean;

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/**
 * `POST /api/v1/validate` answered by Node's HTTP server directly, for the products that call it
 * all day (SPEC §12). Routing, hooks and the request and reply objects of the framework cost more
 * than the validation itself, which is one indexed read. The answer is the one the Fastify route
 * gives, byte for byte: the same body parsing, the same compiled schema, the same service, the same
 * error envelope (test/activation/validate-fast-path.test.ts asks both). A request that carries a
 * session cookie, a token or an Origin, or that is not JSON, goes to the Fastify route, whose hooks
 * have something to say about those.
 */
export function validateFastPath(deps: ValidateFastPathDeps): FastPath {
  const check = validatorCompiler({ schema: ZValidateRequest, method: 'POST', url: VALIDATE_PATH, httpPart: 'body' });

  async function answer(text: string | null, request: IncomingMessage): Promise<Answer> {
    try {
      if (text === null) throw new AppError('payload_too_large', 'request body is too large');
      // An empty body reaches the schema as null, as on the route.
      const checked = check(parseJsonBody(text) ?? null) as { error?: { instancePath: string; message?: string }[]; value?: TValidateRequest };
      if (checked.error) throw invalidInput('body', checked.error);
      const result = await deps.validation.validate({ actor: anonymous, ip: clientAddress(request) }, checked.value!);
      return { status: 200, body: JSON.stringify(result), headers: {} };
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError('internal_error', 'internal error');
      if (appError.status >= 500) deps.log.error({ err: error }, 'request failed');
      return { status: appError.status, body: JSON.stringify(errorEnvelope(appError)), headers: appError.headers ?? {} };
    }
  }

  return (request, response) => {
    if (request.method !== 'POST' || request.url !== VALIDATE_PATH || !isPlainProductCall(request)) return false;
    const started = performance.now();
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= deps.bodyLimit) chunks.push(chunk);
    });
    request.on('end', () => {
      const text = size > deps.bodyLimit ? null : Buffer.concat(chunks, size).toString('utf8');
      void answer(text, request).then(({ status, body, headers }) => {
        response.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
        response.end(body);
        deps.observe('POST', VALIDATE_PATH, status, (performance.now() - started) / 1000);
      });
    });
    return true;
  };
}

/** JSON, and nothing the sign-in and forgery checks of the Fastify hooks would look at. */
function isPlainProductCall(request: IncomingMessage): boolean {
  const { headers } = request;
  return /^application\/json\s*(;|$)/i.test(headers['content-type'] ?? '') && headers.authorization === undefined && headers.cookie === undefined && headers.origin === undefined;
}

/** The client's address as Fastify's `trustProxy: true` reads it: the first X-Forwarded-For entry, else the socket's. */
function clientAddress(request: IncomingMessage): string | null {
  const forwarded = request.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || request.socket.remoteAddress || null;
}
