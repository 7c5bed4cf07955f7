import { ERROR_STATUS, type ErrorCode, type TErrorDetail } from '../../contracts/errors.js';

/** The one error type that reaches a client; its code decides the status (contracts/errors.ts). */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: TErrorDetail[],
    /** Extra response headers, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what = 'resource') => new AppError('not_found', `${what} not found`);

export const validationFailed = (details: TErrorDetail[]) =>
  new AppError('validation_failed', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);

export const fieldError = (field: string, message: string) => validationFailed([{ field, message }]);
