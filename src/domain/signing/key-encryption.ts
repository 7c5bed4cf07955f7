import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

/**
 * Private signing keys at rest: PKCS#8 DER sealed with AES-256-GCM under a key derived from the
 * master secret (`PORTAL_SECRET`) by HKDF-SHA256 with the fixed info label below, stored as
 * `v1.<iv>.<tag>.<ciphertext>` (base64url). The version both names the scheme and is bound into
 * the ciphertext as associated data, so a later scheme can never be fed this one's blobs.
 *
 * HKDF is not a password hash: the master secret must already be high-entropy (the portal
 * generates 256 random bits); at least 16 characters are required to catch obvious mistakes.
 */
const VERSION = 'v1';
const INFO = 'lp signing key v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MIN_SECRET_LENGTH = 16;

function deriveKey(masterSecret: string): Buffer {
  if (typeof masterSecret !== 'string' || masterSecret.length < MIN_SECRET_LENGTH) {
    throw new TypeError(`key encryption: the master secret must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  // No salt: the derived key must be the same on every instance that shares the master secret.
  return Buffer.from(hkdfSync('sha256', Buffer.from(masterSecret, 'utf8'), Buffer.alloc(0), INFO, 32));
}

/** Seal a private key for storage. Each call draws a fresh IV, so the output differs every time. */
export function encryptPrivateKey(privateKey: KeyObject, masterSecret: string): string {
  if (privateKey.type !== 'private') throw new TypeError('key encryption: expected a private key');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(masterSecret), iv);
  cipher.setAAD(Buffer.from(VERSION, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(der), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'));
  return [VERSION, ...parts].join('.');
}

const B64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Open a sealed private key. Throws when the blob was altered, the master secret is wrong, or
 * the format is unknown; the message never includes key material.
 */
export function decryptPrivateKey(sealed: string, masterSecret: string): KeyObject {
  const parts = sealed.split('.');
  const [version, iv, tag, ciphertext] = parts;
  if (
    parts.length !== 4 ||
    version !== VERSION ||
    ![iv, tag, ciphertext].every((p) => p !== undefined && B64URL.test(p))
  ) {
    throw new Error('key encryption: not a v1 sealed key');
  }
  const ivBytes = Buffer.from(iv!, 'base64url');
  const tagBytes = Buffer.from(tag!, 'base64url');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES)
    throw new Error('key encryption: not a v1 sealed key');
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(masterSecret), ivBytes, {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(VERSION, 'utf8'));
  decipher.setAuthTag(tagBytes);
  let der: Buffer;
  try {
    der = Buffer.concat([decipher.update(Buffer.from(ciphertext!, 'base64url')), decipher.final()]);
  } catch {
    throw new Error(
      'key encryption: cannot open the sealed key (wrong master secret, or the stored key was altered)',
    );
  }
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}
