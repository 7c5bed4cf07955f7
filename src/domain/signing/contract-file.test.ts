import { describe, it, expect } from 'vitest';
import { CONTRACT_FILE_FORMAT, signContractFile } from './contract-file.js';
import { generateSigningKeyPair } from './jwks.js';
import { aContractPayload } from './payloads.test-support.js';
import { signDocument, verifyDocumentSignature } from './signed-document.js';

const key = generateSigningKeyPair();
const signingKey = { kid: key.kid, privateKey: key.privateKey };

describe('signContractFile', () => {
  it('signs with the license file scheme and stamps kind "maintenance-contract"', () => {
    const file = signContractFile(aContractPayload(), signingKey);
    expect(file.format).toBe(CONTRACT_FILE_FORMAT);
    expect(file.payload).toEqual({ ...aContractPayload(), kind: 'maintenance-contract' });
    expect(verifyDocumentSignature(file, key.publicKey)).toBe(true);
    const moved = { ...file, payload: { ...file.payload, endsAt: '2028-03-31' } };
    expect(verifyDocumentSignature(moved, key.publicKey)).toBe(false);
  });

  it('refuses a malformed schedule or a foreign kind', () => {
    const schedule = { leadDays: [90, -1], dayOf: false, expired: false };
    expect(() => signContractFile(aContractPayload({ schedule }), signingKey)).toThrow('schedule');
    const foreign = { ...aContractPayload(), kind: 'license' } as unknown as Parameters<
      typeof signContractFile
    >[0];
    expect(() => signContractFile(foreign, signingKey)).toThrow('kind');
  });
});

describe('signDocument', () => {
  it('returns the payload exactly as signed, in canonical form', () => {
    const doc = signDocument('lp-test-1', { b: -0, a: [1e21] }, signingKey);
    expect(Object.keys(doc.payload)).toEqual(['a', 'b']);
    expect(Object.is(doc.payload.b, 0)).toBe(true);
    expect(() => signDocument('lp-test-1', { a: 1 }, { kid: '', privateKey: key.privateKey })).toThrow('kid');
  });
});
