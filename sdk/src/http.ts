/** Why an online call gave no answer to act on. */
export type OnlineFailure =
  /** No answer: network down, DNS, refused, timed out, or the portal answered 5xx. Fall back to the stored file. */
  | { ok: false; code: 'UNREACHABLE'; message: string; status?: number }
  /** The portal refused the request: `errorCode` is its error code, e.g. `too_many_activations`. */
  | { ok: false; code: 'REJECTED'; status: number; errorCode: string; message: string; details?: unknown }
  /** Something answered, but not with what the portal's API answers (a proxy page, an old portal). */
  | { ok: false; code: 'BAD_RESPONSE'; status: number; message: string };

export type OnlineOptions = {
  /** The portal's base URL, e.g. `https://licensing.example.com`. */
  portalUrl: string;
  /** Give up after this long (default 10 000 ms), counting the whole exchange. */
  timeoutMs?: number;
};

export const DEFAULT_TIMEOUT_MS = 10_000;

export function apiUrl(portalUrl: string, path: string): string {
  let base: URL;
  try {
    base = new URL(portalUrl);
  } catch {
    throw new TypeError(`portalUrl is not a URL: ${JSON.stringify(portalUrl)}`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw new TypeError('portalUrl must be an http(s) URL');
  // Keep a path prefix (a portal behind `/licensing`) and drop a trailing slash.
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}/api/v1/${path}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Call the portal and read a JSON answer; every way of not getting one becomes an `OnlineFailure`. */
export async function requestJson(
  method: 'GET' | 'POST',
  url: string,
  body: unknown,
  timeoutMs: number = DEFAULT_TIMEOUT_MS,
): Promise<{ ok: true; status: number; json: Record<string, unknown> } | OnlineFailure> {
  const init: RequestInit = {
    method,
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(timeoutMs),
  };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
  }
  let status: number;
  let text: string;
  try {
    const response = await fetch(url, init);
    status = response.status;
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return {
      ok: false,
      code: 'UNREACHABLE',
      message: timedOut ? `no answer within ${timeoutMs} ms` : describe(error),
    };
  }
  if (status >= 500)
    return { ok: false, code: 'UNREACHABLE', status, message: `the portal answered ${status}` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, code: 'BAD_RESPONSE', status, message: `the answer (${status}) is not JSON` };
  }
  if (status >= 200 && status < 300 && isRecord(json)) return { ok: true, status, json };
  const error = isRecord(json) && isRecord(json.error) ? json.error : undefined;
  if (status >= 400 && error && typeof error.code === 'string') {
    const message = typeof error.message === 'string' ? error.message : error.code;
    return { ok: false, code: 'REJECTED', status, errorCode: error.code, message, details: error.details };
  }
  return { ok: false, code: 'BAD_RESPONSE', status, message: `unexpected answer (${status})` };
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  return cause ?? (error instanceof Error ? error.message : String(error));
}
