import { apiUrl, requestJson, type OnlineFailure, type OnlineOptions } from './http.js';
import type { Jwks, LicenseFile } from './types.js';

export type ActivateRequest = OnlineOptions & { licenseKey: string; hostId: string; hostName?: string };
/** A host-bound license file: store it, and verify it offline with `verifyLicenseFile` at start-up. */
export type ActivateResult = { ok: true; activationId: string; licenseFile: LicenseFile } | OnlineFailure;

/** The portal's validation codes (SPEC §12); a newer portal may add more. */
export type ValidationCode =
  'VALID' | 'EXPIRED' | 'REVOKED' | 'NOT_FOUND' | 'HOST_MISMATCH' | 'NOT_ACTIVATED';
export type ValidateRequest = OnlineOptions & { licenseKey: string; hostId?: string };
export type ValidateResult =
  | {
      ok: true;
      valid: boolean;
      code: ValidationCode | (string & {});
      license: Record<string, unknown> | null;
      expiresAt: string | null;
    }
  | OnlineFailure;

export type SigningKeysResult = { ok: true; jwks: Jwks } | OnlineFailure;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function badResponse(status: number, what: string): OnlineFailure {
  return { ok: false, code: 'BAD_RESPONSE', status, message: `the answer has no valid ${what}` };
}

/**
 * Activate this host: `POST {portalUrl}/api/v1/activations`. Activating the same host again
 * answers the same activation. On `UNREACHABLE`, keep running on the stored license file.
 */
export async function activate(request: ActivateRequest): Promise<ActivateResult> {
  const body: Record<string, string> = { licenseKey: request.licenseKey, hostId: request.hostId };
  if (request.hostName !== undefined) body.hostName = request.hostName;
  const answer = await requestJson('POST', apiUrl(request.portalUrl, 'activations'), body, request.timeoutMs);
  if (!answer.ok) return answer;
  const { activationId, licenseFile } = answer.json;
  if (typeof activationId !== 'string') return badResponse(answer.status, 'activationId');
  if (!isRecord(licenseFile) || typeof licenseFile.format !== 'string')
    return badResponse(answer.status, 'licenseFile');
  return { ok: true, activationId, licenseFile: licenseFile as LicenseFile };
}

/**
 * Ask the portal whether a license is good right now: `POST {portalUrl}/api/v1/validate`.
 * The portal answers 200 for any well-formed request; the outcome is in `valid` and `code`.
 */
export async function validate(request: ValidateRequest): Promise<ValidateResult> {
  const body: Record<string, string> = { licenseKey: request.licenseKey };
  if (request.hostId !== undefined) body.hostId = request.hostId;
  const answer = await requestJson('POST', apiUrl(request.portalUrl, 'validate'), body, request.timeoutMs);
  if (!answer.ok) return answer;
  const { valid, code, license, expiresAt } = answer.json;
  if (typeof valid !== 'boolean' || typeof code !== 'string')
    return badResponse(answer.status, 'valid and code');
  return {
    ok: true,
    valid,
    code,
    license: isRecord(license) ? license : null,
    expiresAt: typeof expiresAt === 'string' ? expiresAt : null,
  };
}

/** Fetch the portal's public signing keys (`GET /api/v1/signing-keys`), to cache beside the license file. */
export async function fetchSigningKeys(options: OnlineOptions): Promise<SigningKeysResult> {
  const answer = await requestJson(
    'GET',
    apiUrl(options.portalUrl, 'signing-keys'),
    undefined,
    options.timeoutMs,
  );
  if (!answer.ok) return answer;
  if (!Array.isArray(answer.json.keys)) return badResponse(answer.status, 'keys');
  return { ok: true, jwks: answer.json as Jwks };
}
