import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** One published signing key (SPEC §4): what `GET /api/v1/signing-keys` lists. */
export type Ed25519Jwk = { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; alg: 'EdDSA'; use: 'sig' };
export type Jwks = { keys: Ed25519Jwk[] };

/**
 * RFC 7638 thumbprint: base64url SHA-256 of the required members in lexicographic order with no
 * whitespace, `{"crv":"Ed25519","kty":"OKP","x":"…"}`. Any party can recompute it from the key
 * alone, so a kid can never point at a different key than the one it names.
 */
export function jwkThumbprint(jwk: { crv: string; kty: string; x: string }): string {
  const members = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
  return createHash('sha256').update(members, 'utf8').digest('base64url');
}

/** The JWK of an Ed25519 public key (a private key is reduced to its public half). */
export function publicKeyToJwk(key: KeyObject): Ed25519Jwk {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.type !== 'public' || publicKey.asymmetricKeyType !== 'ed25519') {
    throw new TypeError('jwks: expected an Ed25519 key');
  }
  const { x } = publicKey.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new TypeError('jwks: the key exported no x coordinate');
  return {
    kty: 'OKP',
    crv: 'Ed25519',
    x,
    kid: jwkThumbprint({ crv: 'Ed25519', kty: 'OKP', x }),
    alg: 'EdDSA',
    use: 'sig',
  };
}

/** The kid an Ed25519 key is published under. */
export function kidOf(key: KeyObject): string {
  return publicKeyToJwk(key).kid;
}

/** Read an Ed25519 public key back from a JWK; throws a TypeError naming what is wrong. */
export function jwkToPublicKey(jwk: unknown): KeyObject {
  const candidate = jwk as Partial<Record<string, unknown>> | null;
  if (typeof candidate !== 'object' || candidate === null)
    throw new TypeError('jwks: a JWK must be an object');
  if (candidate.kty !== 'OKP' || candidate.crv !== 'Ed25519')
    throw new TypeError('jwks: only OKP Ed25519 keys are supported');
  const x = candidate.x;
  if (typeof x !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(x))
    throw new TypeError('jwks: x must be 32 bytes, base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

/** The JWKS to publish: every key that may still have signed a file that is in use. */
export function buildJwks(keys: readonly KeyObject[]): Jwks {
  return { keys: keys.map(publicKeyToJwk) };
}

/** A new Ed25519 key pair with its kid, for rotation. */
export function generateSigningKeyPair(): { kid: string; privateKey: KeyObject; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { kid: kidOf(publicKey), privateKey, publicKey };
}
