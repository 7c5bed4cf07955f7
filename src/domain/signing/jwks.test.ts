import { describe, it, expect } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import {
  buildJwks,
  generateSigningKeyPair,
  jwkThumbprint,
  jwkToPublicKey,
  kidOf,
  publicKeyToJwk,
} from './jwks.js';

describe('jwkThumbprint', () => {
  it('matches the RFC 8037 appendix A.3 Ed25519 thumbprint', () => {
    const x = '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo';
    expect(jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x })).toBe(
      'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k',
    );
  });

  it('agrees with the jose library on generated keys', async () => {
    for (let i = 0; i < 10; i++) {
      const jwk = publicKeyToJwk(generateKeyPairSync('ed25519').publicKey);
      expect(jwk.kid).toBe(await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'sha256'));
    }
  });
});

describe('publicKeyToJwk / jwkToPublicKey', () => {
  it('publishes the exact JWK shape and reads it back to the same key', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const jwk = publicKeyToJwk(publicKey);
    expect(Object.keys(jwk).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(jwk.x).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const back = jwkToPublicKey(jwk);
    expect(back.equals(publicKey)).toBe(true);
    // A private key yields its public half: never the private material.
    expect(publicKeyToJwk(privateKey)).toEqual(jwk);
    expect(JSON.stringify(publicKeyToJwk(privateKey))).not.toContain('"d"');
  });

  it('refuses anything but an Ed25519 key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(() => publicKeyToJwk(rsa)).toThrow('expected an Ed25519 key');
    expect(() => jwkToPublicKey(null)).toThrow(TypeError);
    expect(() => jwkToPublicKey({ kty: 'EC', crv: 'P-256', x: 'a' })).toThrow('only OKP Ed25519');
    expect(() => jwkToPublicKey({ kty: 'OKP', crv: 'Ed25519', x: 'abc' })).toThrow('32 bytes');
  });
});

describe('buildJwks and generateSigningKeyPair', () => {
  it('lists every key with its kid', () => {
    const a = generateSigningKeyPair();
    const b = generateSigningKeyPair();
    expect(a.kid).toBe(kidOf(a.privateKey));
    expect(a.kid).not.toBe(b.kid);
    expect(buildJwks([a.publicKey, b.publicKey]).keys.map((k) => k.kid)).toEqual([a.kid, b.kid]);
  });
});
