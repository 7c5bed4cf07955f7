import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, ResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorCode, TErrorDetail } from '../../contracts/errors.js';
import { AppError } from './app-error.js';

/** Shapes every error as SPEC §13's envelope; a 5xx hides its cause from the client and logs it. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    for (const [name, value] of Object.entries(appError.headers ?? {})) reply.header(name, value);
    return reply.status(appError.status).send(errorEnvelope(appError));
  });
}

/** The body of every error answer (SPEC §13). */
export function errorEnvelope(appError: AppError) {
  return {
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.details ? { details: appError.details } : {}),
    },
  };
}

/** A schema's complaints (as fastify-type-provider-zod reports them) as one validation_failed error. */
export function invalidInput(where: string, problems: { instancePath: string; message?: string | undefined }[]): AppError {
  const details: TErrorDetail[] = problems.map((v) => ({ field: fieldName(where, v.instancePath), message: v.message ?? 'is invalid' }));
  return new AppError('validation_failed', describe(details), details);
}

/** Errors the router raises before any route runs: an over-long path parameter, a bad URL. */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  void reply.status(tooLong ? 414 : 400).send({
    error: { code: 'validation_failed', message: tooLong ? 'a path parameter is too long' : 'the request URL is not valid' },
  });
}

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) return invalidInput(error.validationContext ?? 'body', error.validation);
  if (error instanceof ResponseSerializationError) return new AppError('internal_error', 'internal error');
  const byFastifyCode: Partial<Record<string, [ErrorCode, string]>> = {
    FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', 'request body is too large'],
    FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'send the body as application/json'],
    FST_ERR_CTP_INVALID_JSON_BODY: ['validation_failed', 'body is not valid JSON'],
    FST_ERR_CTP_EMPTY_JSON_BODY: ['validation_failed', 'body is empty; send a JSON object'],
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['validation_failed', 'Content-Length does not match the body'],
  };
  const known = byFastifyCode[error.code];
  if (known) return new AppError(known[0], known[1], known[0] === 'validation_failed' ? [{ field: 'body', message: known[1] }] : undefined);
  if (error.statusCode === 400 && error instanceof SyntaxError) {
    return new AppError('validation_failed', 'body is not valid JSON', [{ field: 'body', message: 'is not valid JSON' }]);
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const code: ErrorCode = error.statusCode === 413 ? 'payload_too_large' : error.statusCode === 415 ? 'unsupported_media_type' : 'validation_failed';
    return new AppError(code, error.message);
  }
  return new AppError('internal_error', 'internal error');
}

function fieldName(where: string, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (where === 'body') return path || 'body';
  return path || where;
}

function describe(details: TErrorDetail[]): string {
  return details.map((d) => `${d.field}: ${d.message}`).join('; ');
}
