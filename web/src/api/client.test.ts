import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, describeError, parseRetryAfter } from './api-error';
import { request, setCsrfToken } from './client';

function answer(status: number, body?: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('request', () => {
  it('sends the CSRF token on unsafe methods only, with the session cookie', async () => {
    const fetchMock = vi.fn(async () => answer(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('tok');
    await request('GET', '/me');
    await request('POST', '/auth/logout', { body: {} });
    await request('DELETE', '/accounts/a/api-tokens/t');
    const calls = fetchMock.mock.calls as unknown as Array<[string, RequestInit]>;
    const headers = calls.map(([, init]) => init.headers as Record<string, string>);
    expect(headers[0]?.['X-CSRF-Token']).toBeUndefined();
    expect(headers[1]?.['X-CSRF-Token']).toBe('tok');
    expect(headers[2]?.['X-CSRF-Token']).toBe('tok');
    expect(calls.every(([, init]) => init.credentials === 'same-origin')).toBe(true);
    expect(calls[0]?.[0]).toBe('/api/v1/me');
  });

  it('drops empty query values', async () => {
    const fetchMock = vi.fn(async () => answer(200, { items: [], nextCursor: null }));
    vi.stubGlobal('fetch', fetchMock);
    await request('GET', '/admin/audit', { query: { actor: 'a b', account: '', cursor: undefined } });
    expect((fetchMock.mock.calls as unknown as Array<[string]>)[0]?.[0]).toBe(
      '/api/v1/admin/audit?actor=a+b',
    );
  });

  it('turns the error envelope into an ApiError', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        answer(400, {
          error: {
            code: 'validation_failed',
            message: 'bad input',
            details: [{ field: 'email', message: 'must be an e-mail address' }],
          },
        }),
      ),
    );
    const error = await request('POST', '/auth/login', { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: 'bad input' });
    expect((error as ApiError).fieldErrors()).toEqual({ email: 'Must be an e-mail address.' });
    expect(describeError(error)).toBe('Bad input.');
  });

  it('reads Retry-After on 429 and tells the wait in minutes', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        answer(429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'Retry-After': '600' }),
      ),
    );
    const error = await request('POST', '/auth/login', { body: {} }).catch((e: unknown) => e);
    expect((error as ApiError).retryAfterSeconds).toBe(600);
    expect(describeError(error)).toBe('Too many attempts, try again in 10 minutes.');
  });

  it('reports a network failure as an ApiError with status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = await request('GET', '/me').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('accepts 204 without a body', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 204 })),
    );
    await expect(request('POST', '/auth/logout', { body: {} })).resolves.toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(new Date(61_000).toUTCString(), 0)).toBe(61);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });

  it('rounds a short wait up to one minute', () => {
    expect(
      describeError(new ApiError({ status: 429, code: 'rate_limited', message: '', retryAfterSeconds: 5 })),
    ).toBe('Too many attempts, try again in 1 minute.');
  });
});
