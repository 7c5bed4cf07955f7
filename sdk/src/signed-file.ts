import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { Jwk } from './types.js';

/** The checks every signed portal file shares, in order: format, kid known, signature. */
export type SignedFileResult =
  | { valid: true; payload: Record<string, unknown>; kid: string }
  | { valid: false; code: 'MALFORMED' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE'; message: string };

export type SignedFileOptions = {
  /** The format marker expected, e.g. `lp-license-1` or `lp-contract-1`. */
  format: string;
  /** The `kind` the payload must carry when it carries one, e.g. `license`. */
  kind: string;
  /** Further shape checks of the payload; answers what is wrong, or undefined. */
  checkPayload?: (payload: Record<string, unknown>) => string | undefined;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const ED25519_SIGNATURE_BYTES = 64;

/** Read a file or JWKS given as text or bytes; objects pass through. */
export function readJson(input: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) return { ok: true, value: input };
  try {
    const text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function malformed(message: string): SignedFileResult {
  return { valid: false, code: 'MALFORMED', message };
}

/** A JWK this SDK may use to check a signature: an Ed25519 signing key. */
function isUsableKey(jwk: Jwk): boolean {
  return (
    jwk.kty === 'OKP' &&
    jwk.crv === 'Ed25519' &&
    (jwk.use === undefined || jwk.use === 'sig') &&
    (jwk.alg === undefined || jwk.alg === 'EdDSA' || jwk.alg === 'Ed25519')
  );
}

function findKey(jwks: unknown, kid: string): { key?: KeyObject; error?: string } {
  if (!isRecord(jwks) || !Array.isArray(jwks.keys))
    return { error: 'the JWKS must be an object with a "keys" list' };
  const jwk = (jwks.keys as unknown[]).find((k): k is Jwk => isRecord(k) && k.kid === kid);
  if (!jwk || !isUsableKey(jwk)) return {};
  if (typeof jwk.x !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(jwk.x))
    return { error: `the JWKS key "${kid}" has no valid x` };
  return { key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' }) };
}

/**
 * Check a signed portal file against a JWKS: the format marker and shape, that its kid names an
 * Ed25519 key of the JWKS, and the Ed25519 signature over the RFC 8785 bytes of the payload.
 * Says nothing about dates or hosts: that is the caller's, by file kind.
 */
export function verifySignedFile(file: unknown, jwks: unknown, options: SignedFileOptions): SignedFileResult {
  const read = readJson(file);
  if (!read.ok) return malformed('the file is not JSON');
  const doc = read.value;
  if (!isRecord(doc)) return malformed('the file must be a JSON object');
  if (doc.format !== options.format) {
    return malformed(
      `the file format is ${JSON.stringify(doc.format ?? null)}, expected "${options.format}"`,
    );
  }
  if (typeof doc.kid !== 'string' || doc.kid === '') return malformed('the file has no kid');
  if (typeof doc.signature !== 'string' || !BASE64URL.test(doc.signature))
    return malformed('the signature is not base64url');
  const payload = doc.payload;
  if (!isRecord(payload)) return malformed('the payload must be a JSON object');
  if (payload.kind !== undefined && payload.kind !== options.kind) {
    return malformed(`the payload is a ${JSON.stringify(payload.kind)}, not a ${options.kind}`);
  }
  const fault = options.checkPayload?.(payload);
  if (fault) return malformed(fault);
  let signed: Buffer;
  try {
    signed = Buffer.from(canonicalJson(payload), 'utf8');
  } catch (error) {
    return malformed((error as Error).message);
  }

  const jwksRead = readJson(jwks);
  if (!jwksRead.ok) return malformed('the JWKS is not JSON');
  const found = findKey(jwksRead.value, doc.kid);
  if (found.error) return malformed(found.error);
  if (!found.key)
    return { valid: false, code: 'UNKNOWN_KEY', message: `no Ed25519 signing key "${doc.kid}" in the JWKS` };

  const signature = Buffer.from(doc.signature, 'base64url');
  if (signature.length !== ED25519_SIGNATURE_BYTES || !verify(null, signed, found.key, signature)) {
    return {
      valid: false,
      code: 'BAD_SIGNATURE',
      message: 'the signature does not match the payload: the file was altered or not issued by the portal',
    };
  }
  return { valid: true, payload, kid: doc.kid };
}
