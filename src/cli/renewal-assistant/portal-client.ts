import { z } from 'zod';
import { apiUrl } from '../../../sdk/src/http.js';
import { fetchSigningKeys } from '../../../sdk/src/online.js';
import type { Jwks } from '../../../sdk/src/types.js';
import { CliError } from './errors.js';
import { ZRenewalLookupResult, type TRenewalContacts, type TRenewalLookupResult } from '../../contracts/contracts.js';

const TIMEOUT_MS = 15_000;

export type LookupResult = TRenewalLookupResult['results'][number];

export interface PortalTarget {
  url: string;
  token: string;
}

function portalEndpoint(portalUrl: string, path: string): string {
  try {
    return apiUrl(portalUrl, path);
  } catch (error) {
    throw new CliError('invalid_input', `--portal: ${(error as Error).message}`, 'give the address of the portal, e.g. https://licensing.example.com');
  }
}

function unreachable(url: string, error: unknown): CliError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  const why = timedOut ? `no answer within ${TIMEOUT_MS / 1000} s`
    : code === 'ECONNREFUSED' ? 'connection refused'
    : code === 'ENOTFOUND' ? 'unknown host'
    : cause?.message === 'bad port' ? `port ${new URL(url).port} is one that web clients refuse to use; serve the portal on another port`
    : (cause?.message ?? (error as Error).message);
  return new CliError('portal_unreachable', `cannot reach the portal at ${new URL(url).origin}: ${why}`);
}

/** One call with the API token; every way of not getting a usable answer is a `CliError`. */
async function call(target: PortalTarget, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const url = portalEndpoint(target.url, path);
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method,
      headers: { accept: 'application/json', authorization: `Bearer ${target.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    text = await response.text();
  } catch (error) {
    throw unreachable(url, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(response.status >= 500 ? 'portal_unreachable' : 'portal_error', `the portal answered ${response.status} without JSON: is ${target.url} the portal's address?`);
  }
  if (response.ok) return json;
  const error = (json as { error?: { code?: unknown; message?: unknown; details?: { field: string; message: string }[] } }).error;
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`;
  if (response.status === 401) throw new CliError('portal_refused', `the portal refused the API token: ${message}`, 'create a token in the portal (account settings) and run renewal-assistant login again');
  if (response.status === 403) throw new CliError('portal_refused', `the API token may not do this: ${message}`, 'use a token with the member role');
  if (response.status === 404) throw new CliError('not_found', message, undefined, 404);
  if (response.status === 429) throw new CliError('portal_error', `the portal asks to slow down: ${message}`, `try again in ${response.headers.get('retry-after') ?? 'a few'} seconds`);
  if (response.status >= 500) throw new CliError('portal_unreachable', `the portal failed to answer (${response.status}): ${message}`);
  const details = Array.isArray(error?.details) ? error.details.map((d) => `${d.field}: ${d.message}`).join('; ') : '';
  throw new CliError('portal_error', `the portal refused the request: ${message}${details && !message.includes(details) ? ` (${details})` : ''}`, undefined, response.status);
}

/** The most serial numbers one lookup takes (`ZRenewalLookup`); more are sent in turns. */
const LOOKUP_BATCH = 100;

/** `POST /renewal-assistant/lookup`: the contracts behind these serials, with contacts when the portal asked for them. */
export async function lookupContracts(target: PortalTarget, serialNumbers: string[], contacts?: TRenewalContacts): Promise<LookupResult[]> {
  const results: LookupResult[] = [];
  for (let at = 0; at < serialNumbers.length; at += LOOKUP_BATCH) {
    const batch = serialNumbers.slice(at, at + LOOKUP_BATCH);
    const answer = await call(target, 'POST', 'renewal-assistant/lookup', { serialNumbers: batch, ...(contacts ? { contacts } : {}) });
    const parsed = ZRenewalLookupResult.safeParse(answer);
    if (!parsed.success) throw new CliError('portal_error', 'the portal answered the lookup in an unexpected shape: is it a newer or older version?');
    results.push(...parsed.data.results);
  }
  return results;
}

/**
 * Prove the token at login with an empty lookup: the portal authenticates before it reads the
 * body, so a 2xx or a 400 means the token is good and a 401 that it is not.
 */
export async function checkToken(target: PortalTarget): Promise<void> {
  try {
    await call(target, 'POST', 'renewal-assistant/lookup', { serialNumbers: [] });
  } catch (error) {
    if (error instanceof CliError && error.httpStatus === 400) return;
    if (error instanceof CliError && error.httpStatus === 404) {
      throw new CliError('portal_error', `${target.url} has no Renewal Assistant lookup (POST /api/v1/renewal-assistant/lookup answered 404)`, 'check the address, and that the portal is up to date');
    }
    throw error;
  }
}

/** `GET /accounts/{id}`: a token answers only for its own account, so this also proves the binding. */
export async function fetchAccount(target: PortalTarget, accountId: string): Promise<{ id: string; name: string }> {
  try {
    const answer = z.object({ id: z.string(), name: z.string() }).safeParse(await call(target, 'GET', `accounts/${encodeURIComponent(accountId)}`));
    if (!answer.success) throw new CliError('portal_error', 'the portal answered the account request in an unexpected shape');
    return answer.data;
  } catch (error) {
    if (error instanceof CliError && error.code === 'not_found') throw new CliError('invalid_input', `--account: the token does not belong to account ${accountId}`, 'leave --account out, or give the account the token was created in');
    throw error;
  }
}

/** The portal's published signing keys (public, no token), to verify contract files offline. */
export async function downloadSigningKeys(portalUrl: string): Promise<Jwks> {
  portalEndpoint(portalUrl, 'signing-keys'); // a bad address is an input error, not an unreachable portal
  const answer = await fetchSigningKeys({ portalUrl, timeoutMs: TIMEOUT_MS });
  if (answer.ok) return answer.jwks;
  if (answer.code === 'UNREACHABLE') throw new CliError('portal_unreachable', `cannot fetch the portal's signing keys: ${answer.message}`);
  throw new CliError('portal_error', `the portal's signing keys could not be read: ${answer.message}`);
}
