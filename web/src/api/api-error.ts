import type { ErrorDetail } from './types';

/** An answer of the portal API that is not a success, or a request that never got one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  /** Seconds the server asks us to wait (from `Retry-After`), when it says so. */
  readonly retryAfterSeconds: number | null;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    details?: ErrorDetail[];
    retryAfterSeconds?: number | null;
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.details = options.details ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }

  /** Field name → message, for showing validation faults next to their inputs. */
  fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const detail of this.details) {
      if (detail.field && !(detail.field in byField)) byField[detail.field] = asSentence(detail.message);
    }
    return byField;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** A message a person can act on; the server's own message when it sent one. */
export function describeError(error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 429) return describeRateLimit(error.retryAfterSeconds);
    return asSentence(error.message);
  }
  if (error instanceof Error) return asSentence(error.message);
  return 'Something went wrong.';
}

/** Server messages are written lower-case for logs and clients; on screen they start a sentence. */
export function asSentence(message: string): string {
  const text = message.trim();
  if (!text) return 'Something went wrong.';
  const capitalized = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(capitalized) ? capitalized : `${capitalized}.`;
}

export function describeRateLimit(retryAfterSeconds: number | null): string {
  if (retryAfterSeconds === null) return 'Too many attempts, try again later.';
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}
