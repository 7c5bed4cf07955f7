import { ApiError, parseRetryAfter } from './api-error';
import type { ErrorEnvelope } from './types';

const API_BASE = '/api/v1';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key` on a request that must not take effect twice. */
  headers?: Record<string, string>;
}

/**
 * The CSRF token of the current session. The server hands it out with `GET /me` and
 * `POST /auth/login`; every unsafe request made with the session cookie must echo it.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (!SAFE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      status: 0,
      code: 'network_error',
      message: 'The portal could not be reached. Check your connection and try again.',
    });
  }

  if (!response.ok) throw await toApiError(response);
  if (response.status === 204 || response.status === 202) return readOptionalJson<T>(response);
  return (await response.json()) as T;
}

async function readOptionalJson<T>(response: Response): Promise<T> {
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'));
  let envelope: Partial<ErrorEnvelope> | undefined;
  try {
    envelope = (await response.json()) as Partial<ErrorEnvelope>;
  } catch {
    envelope = undefined;
  }
  const error = envelope?.error;
  return new ApiError({
    status: response.status,
    code: error?.code ?? `http_${response.status}`,
    message: error?.message ?? fallbackMessage(response.status),
    details: Array.isArray(error?.details) ? error.details : [],
    retryAfterSeconds,
  });
}

function fallbackMessage(status: number): string {
  if (status === 404) return 'Not found.';
  if (status === 403) return 'You are not allowed to do this.';
  if (status >= 500) return 'The portal had a problem answering. Try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, { body: body ?? {}, headers }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
