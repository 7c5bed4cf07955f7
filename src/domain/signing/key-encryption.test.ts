import { describe, it, expect } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { decryptPrivateKey, encryptPrivateKey } from './key-encryption.js';

const SECRET = 'correct horse battery staple, 32+';
const { privateKey } = generateKeyPairSync('ed25519');
const der = (k: typeof privateKey) => k.export({ format: 'der', type: 'pkcs8' });

/** Flip one bit in the base64url part `index` of a sealed key. */
function tamper(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[index]!, 'base64url');
  bytes[0] = bytes[0]! ^ 1;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('encryptPrivateKey / decryptPrivateKey', () => {
  it('round-trips a private key', () => {
    const sealed = encryptPrivateKey(privateKey, SECRET);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(der(decryptPrivateKey(sealed, SECRET))).toEqual(der(privateKey));
  });

  it('never writes the key in the clear and uses a fresh IV each time', () => {
    const a = encryptPrivateKey(privateKey, SECRET);
    const b = encryptPrivateKey(privateKey, SECRET);
    expect(a).not.toBe(b);
    expect(Buffer.from(a.split('.')[3]!, 'base64url').includes(der(privateKey).subarray(-32))).toBe(false);
  });

  it('detects tampering with the IV, the tag or the ciphertext', () => {
    const sealed = encryptPrivateKey(privateKey, SECRET);
    for (const index of [1, 2, 3]) {
      expect(() => decryptPrivateKey(tamper(sealed, index), SECRET)).toThrow('cannot open the sealed key');
    }
  });

  it('refuses a wrong master secret without revealing anything', () => {
    const sealed = encryptPrivateKey(privateKey, SECRET);
    expect(() => decryptPrivateKey(sealed, `${SECRET}!`)).toThrow(
      'key encryption: cannot open the sealed key (wrong master secret, or the stored key was altered)',
    );
  });

  it('refuses unknown versions and malformed blobs', () => {
    const sealed = encryptPrivateKey(privateKey, SECRET);
    expect(() => decryptPrivateKey(sealed.replace(/^v1/, 'v2'), SECRET)).toThrow('not a v1 sealed key');
    expect(() => decryptPrivateKey('v1.abc', SECRET)).toThrow('not a v1 sealed key');
    expect(() => decryptPrivateKey(`${sealed}.x`, SECRET)).toThrow('not a v1 sealed key');
  });

  it('refuses a short master secret and a public key', () => {
    expect(() => encryptPrivateKey(privateKey, 'short')).toThrow('at least 16 characters');
    const { publicKey } = generateKeyPairSync('ed25519');
    expect(() => encryptPrivateKey(publicKey, SECRET)).toThrow('expected a private key');
  });
});
