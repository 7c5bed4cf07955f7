import { describe, it, expect } from 'vitest';
import { generateKeyPairSync, verify, webcrypto } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK } from 'jose';
import { canonicalBytes } from './canonical-json.js';
import { generateSigningKeyPair, publicKeyToJwk } from './jwks.js';
import { LICENSE_FILE_FORMAT, signLicenseFile } from './license-file.js';
import { aLicensePayload } from './payloads.test-support.js';
import { verifyDocumentSignature } from './signed-document.js';

const key = generateSigningKeyPair();
const signingKey = { kid: key.kid, privateKey: key.privateKey };
const file = signLicenseFile(aLicensePayload(), signingKey);
const signedBytes = canonicalBytes(file.payload);
const signature = Buffer.from(file.signature, 'base64url');

const hasOpenssl = spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;

describe('signLicenseFile', () => {
  it('produces { format, payload, kid, signature } with the payload stamped kind "license"', () => {
    expect(Object.keys(file).sort()).toEqual(['format', 'kid', 'payload', 'signature']);
    expect(file.format).toBe(LICENSE_FILE_FORMAT);
    expect(file.kid).toBe(key.kid);
    expect(file.payload).toEqual({ ...aLicensePayload(), kind: 'license' });
    expect(file.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
  });

  it('signs the RFC 8785 canonical UTF-8 bytes of the payload (node:crypto verifies)', () => {
    expect(signedBytes.toString('utf8').startsWith('{"accountId":"acc_')).toBe(true);
    expect(verify(null, signedBytes, key.publicKey, signature)).toBe(true);
    expect(verifyDocumentSignature(file, key.publicKey)).toBe(true);
  });

  it('fails verification when any single byte of the signed payload changes', () => {
    const failures = [...signedBytes.keys()].filter((i) => {
      const altered = Buffer.from(signedBytes);
      altered[i] = altered[i]! ^ 0x01;
      return verify(null, altered, key.publicKey, signature);
    });
    expect(failures).toEqual([]);
    expect(
      verifyDocumentSignature({ ...file, payload: { ...file.payload, quantity: 6 } }, key.publicKey),
    ).toBe(false);
  });

  it('fails verification under another key and with a malformed signature', () => {
    expect(verifyDocumentSignature(file, generateKeyPairSync('ed25519').publicKey)).toBe(false);
    expect(verifyDocumentSignature({ ...file, signature: `${file.signature}=` }, key.publicKey)).toBe(false);
    expect(verifyDocumentSignature({ ...file, payload: { bad: undefined } }, key.publicKey)).toBe(false);
  });

  it('is verified by the jose library from nothing but the JWK, through Web Crypto', async () => {
    const cryptoKey = (await importJWK(publicKeyToJwk(key.publicKey), 'EdDSA')) as webcrypto.CryptoKey;
    expect(cryptoKey.type).toBe('public');
    const verifyWith = (data: Uint8Array) => webcrypto.subtle.verify('Ed25519', cryptoKey, signature, data);
    expect(await verifyWith(signedBytes)).toBe(true);
    expect(await verifyWith(canonicalBytes({ ...file.payload, hostId: 'host-1' }))).toBe(false);
  });

  it.skipIf(!hasOpenssl)('is verified by the OpenSSL command line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-openssl-'));
    try {
      writeFileSync(join(dir, 'pub.pem'), key.publicKey.export({ format: 'pem', type: 'spki' }));
      writeFileSync(join(dir, 'data'), signedBytes);
      writeFileSync(join(dir, 'sig'), signature);
      const run = (data: string) =>
        spawnSync(
          'openssl',
          ['pkeyutl', '-verify', '-pubin', '-inkey', 'pub.pem', '-rawin', '-in', data, '-sigfile', 'sig'],
          {
            cwd: dir,
            encoding: 'utf8',
          },
        );
      const good = run('data');
      expect(good.status, good.stderr).toBe(0);
      expect(good.stdout).toContain('Signature Verified Successfully');
      writeFileSync(
        join(dir, 'tampered'),
        Buffer.from(signedBytes.toString('utf8').replace('"quantity":5', '"quantity":6')),
      );
      expect(run('tampered').status).not.toBe(0);
      // The key the JWK describes is the same one OpenSSL read.
      const text = execFileSync('openssl', ['pkey', '-pubin', '-in', 'pub.pem', '-text', '-noout'], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(text).toContain('ED25519 Public-Key');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a malformed payload and a key that is not a private Ed25519 key', () => {
    expect(() => signLicenseFile(aLicensePayload({ quantity: 0 }), signingKey)).toThrow(
      'quantity must be a positive integer',
    );
    expect(() => signLicenseFile(aLicensePayload({ expiresAt: 'next year' }), signingKey)).toThrow(
      'expiresAt must be an ISO 8601',
    );
    expect(() => signLicenseFile(aLicensePayload({ licenseKey: '' }), signingKey)).toThrow(
      'licenseKey must be a non-empty string',
    );
    expect(() => signLicenseFile(aLicensePayload(), { kid: key.kid, privateKey: key.publicKey })).toThrow(
      'Ed25519 private key',
    );
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() => signLicenseFile(aLicensePayload(), { kid: 'k', privateKey: rsa })).toThrow(
      'Ed25519 private key',
    );
  });
});
