import { sign, verify, type KeyObject } from 'node:crypto';
import { canonicalBytes, canonicalize } from './canonical-json.js';

/**
 * The one signature scheme of every signed file (license files, maintenance contract files):
 * `{ format, payload, kid, signature }` where `signature` is the Ed25519 signature of the
 * RFC 8785 canonical UTF-8 bytes of `payload`, base64url without padding, and `kid` names the
 * public key in the JWKS (its RFC 7638 thumbprint). `format` is not signed: it only says how to
 * read the file; each payload carries its own `kind`, which is signed, so a payload signed as one
 * kind of document can never be passed off as another.
 */
export type SignedDocument<F extends string, P> = {
  format: F;
  payload: P;
  kid: string;
  signature: string;
};

/** A private Ed25519 key and the kid its public key is published under. */
export type SigningKey = { kid: string; privateKey: KeyObject };

function assertEd25519(key: KeyObject, type: 'private' | 'public'): void {
  if (key.type !== type || key.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(
      `signing: expected an Ed25519 ${type} key, got a ${key.asymmetricKeyType ?? 'secret'} ${key.type} key`,
    );
  }
}

/**
 * Sign `payload` under `format`. The returned payload is re-read from the canonical text, so the
 * document holds exactly what was signed (e.g. `-0` has become `0`) whoever serializes it next.
 */
export function signDocument<F extends string, P>(
  format: F,
  payload: P,
  key: SigningKey,
): SignedDocument<F, P> {
  assertEd25519(key.privateKey, 'private');
  if (!key.kid) throw new TypeError('signing: the key needs a kid');
  const canonical = canonicalize(payload);
  const signature = sign(null, Buffer.from(canonical, 'utf8'), key.privateKey).toString('base64url');
  return { format, payload: JSON.parse(canonical) as P, kid: key.kid, signature };
}

/** True when `signature` is a valid Ed25519 signature of the canonical payload under `publicKey`. */
export function verifyDocumentSignature(
  document: { payload: unknown; signature: string },
  publicKey: KeyObject,
): boolean {
  assertEd25519(publicKey, 'public');
  if (typeof document.signature !== 'string' || !/^[A-Za-z0-9_-]{86}$/.test(document.signature)) return false;
  let bytes: Buffer;
  try {
    bytes = canonicalBytes(document.payload);
  } catch {
    return false;
  }
  return verify(null, bytes, publicKey, Buffer.from(document.signature, 'base64url'));
}
