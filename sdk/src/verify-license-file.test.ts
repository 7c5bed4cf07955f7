import { describe, it, expect } from 'vitest';
import { verifyLicenseFile } from './verify-license-file.js';
import { verifySignedFile } from './signed-file.js';
// Test-only: files are signed the way the portal signs them.
import { buildJwks, generateSigningKeyPair } from '../../src/domain/signing/jwks.js';
import { signLicenseFile, type LicensePayload } from '../../src/domain/signing/license-file.js';
import { signContractFile } from '../../src/domain/signing/contract-file.js';
import { signDocument } from '../../src/domain/signing/signed-document.js';
import { aContractPayload, aLicensePayload } from '../../src/domain/signing/payloads.test-support.js';

const current = generateSigningKeyPair();
const retired = generateSigningKeyPair();
const stranger = generateSigningKeyPair();
const jwks = buildJwks([current.publicKey, retired.publicKey]);
const signer = (k: typeof current) => ({ kid: k.kid, privateKey: k.privateKey });
const sign = (overrides: Partial<LicensePayload> = {}, key = current) =>
  signLicenseFile(aLicensePayload(overrides), signer(key));
const at = (iso: string) => ({ now: new Date(iso) });
const DURING = at('2026-06-01T00:00:00Z');

describe('verifyLicenseFile', () => {
  it('answers VALID with the payload for a good file, given as object, text or bytes', () => {
    const file = sign();
    for (const input of [file, JSON.stringify(file), Buffer.from(JSON.stringify(file, null, 2))]) {
      const result = verifyLicenseFile(input, JSON.stringify(jwks), DURING);
      expect(result).toEqual({ valid: true, code: 'VALID', payload: file.payload });
    }
  });

  it('still verifies a file signed by an older key that is still published', () => {
    expect(verifyLicenseFile(sign({}, retired), jwks, DURING).code).toBe('VALID');
  });

  it('answers MALFORMED for anything that is not a license file', () => {
    const file = sign();
    const cases: unknown[] = [
      'not json',
      null,
      [],
      { ...file, format: 'lp-license-2' },
      { ...file, kid: 7 },
      { ...file, signature: 'not base64url!' },
      { ...file, payload: 'x' },
      { ...file, payload: { ...file.payload, quantity: '5' } },
      { ...file, payload: { ...file.payload, expiresAt: 'soon' } },
      { ...file, payload: { ...file.payload, features: [1] } },
    ];
    for (const input of cases) expect(verifyLicenseFile(input, jwks, DURING).code).toBe('MALFORMED');
    expect(verifyLicenseFile(file, { nope: [] }, DURING).code).toBe('MALFORMED');
    expect(verifyLicenseFile(file, 'not json', DURING).code).toBe('MALFORMED');
  });

  it('never takes another kind of signed document for a license', () => {
    const contract = signContractFile(aContractPayload(), signer(current));
    expect(verifyLicenseFile(contract, jwks, DURING)).toMatchObject({ valid: false, code: 'MALFORMED' });
    const relabelled = { ...contract, format: 'lp-license-1' };
    expect(verifyLicenseFile(relabelled, jwks, DURING)).toMatchObject({ valid: false, code: 'MALFORMED' });
    const contractCheck = verifySignedFile(contract, jwks, {
      format: 'lp-contract-1',
      kind: 'maintenance-contract',
    });
    expect(contractCheck).toMatchObject({ valid: true, kid: current.kid });
  });

  it('answers UNKNOWN_KEY for a kid the JWKS does not hold, or holds for another use', () => {
    expect(verifyLicenseFile(sign({}, stranger), jwks, DURING).code).toBe('UNKNOWN_KEY');
    const forEncryption = { keys: jwks.keys.map((k) => ({ ...k, use: 'enc' })) };
    expect(verifyLicenseFile(sign(), forEncryption, DURING).code).toBe('UNKNOWN_KEY');
  });

  it('answers BAD_SIGNATURE when the payload or signature was altered, or the kid lies', () => {
    const file = sign();
    const more = { ...file, payload: { ...file.payload, quantity: 50 } };
    expect(verifyLicenseFile(more, jwks, DURING)).toMatchObject({ valid: false, code: 'BAD_SIGNATURE' });
    expect(verifyLicenseFile(more, jwks, DURING)).not.toHaveProperty('payload');
    expect(verifyLicenseFile({ ...file, signature: file.signature.slice(0, -2) }, jwks, DURING).code).toBe(
      'BAD_SIGNATURE',
    );
    expect(verifyLicenseFile({ ...file, kid: retired.kid }, jwks, DURING).code).toBe('BAD_SIGNATURE');
    const flipped = file.signature[0] === 'A' ? `B${file.signature.slice(1)}` : `A${file.signature.slice(1)}`;
    expect(verifyLicenseFile({ ...file, signature: flipped }, jwks, DURING).code).toBe('BAD_SIGNATURE');
  });

  it('answers NOT_YET_VALID before notBefore and EXPIRED from expiresAt on, with the trusted payload', () => {
    const file = sign({ notBefore: '2026-01-15T00:00:00Z', expiresAt: '2027-01-15T00:00:00Z' });
    expect(verifyLicenseFile(file, jwks, at('2026-01-14T23:59:59Z'))).toMatchObject({
      code: 'NOT_YET_VALID',
      payload: file.payload,
    });
    expect(verifyLicenseFile(file, jwks, at('2026-01-15T00:00:00Z')).code).toBe('VALID');
    expect(verifyLicenseFile(file, jwks, at('2027-01-14T23:59:59.999Z')).code).toBe('VALID');
    expect(verifyLicenseFile(file, jwks, at('2027-01-15T00:00:00Z'))).toMatchObject({
      code: 'EXPIRED',
      message: 'the license expired at 2027-01-15T00:00:00Z',
    });
  });

  it('reads calendar dates as whole UTC days, and a null expiresAt as never', () => {
    const file = sign({ notBefore: '2026-02-01', expiresAt: '2026-12-31' });
    expect(verifyLicenseFile(file, jwks, at('2026-01-31T23:59:59Z')).code).toBe('NOT_YET_VALID');
    expect(verifyLicenseFile(file, jwks, at('2026-12-31T23:59:59Z')).code).toBe('VALID');
    expect(verifyLicenseFile(file, jwks, at('2027-01-01T00:00:00Z')).code).toBe('EXPIRED');
    expect(verifyLicenseFile(sign({ expiresAt: null }), jwks, at('2999-01-01T00:00:00Z')).code).toBe('VALID');
  });

  it('answers HOST_MISMATCH for a node-locked license on another host or with no host given', () => {
    const file = sign({ hostId: 'host-a1' });
    expect(verifyLicenseFile(file, jwks, { ...DURING, hostId: 'host-a1' }).code).toBe('VALID');
    expect(verifyLicenseFile(file, jwks, { ...DURING, hostId: 'host-b2' })).toMatchObject({
      code: 'HOST_MISMATCH',
      message: 'the license is locked to host "host-a1", not "host-b2"',
    });
    expect(verifyLicenseFile(file, jwks, DURING).code).toBe('HOST_MISMATCH');
    expect(verifyLicenseFile(sign(), jwks, { ...DURING, hostId: 'any' }).code).toBe('VALID');
  });

  it('checks in the documented order: format, kid, signature, notBefore, expiresAt, host', () => {
    const locked = sign({ hostId: 'h', notBefore: '2030-01-01', expiresAt: '2020-01-01' });
    const tampered = { ...locked, payload: { ...locked.payload, quantity: 9 } };
    expect(verifyLicenseFile({ ...tampered, kid: stranger.kid, format: 'x' }, jwks, DURING).code).toBe(
      'MALFORMED',
    );
    expect(verifyLicenseFile({ ...tampered, kid: stranger.kid }, jwks, DURING).code).toBe('UNKNOWN_KEY');
    expect(verifyLicenseFile(tampered, jwks, DURING).code).toBe('BAD_SIGNATURE');
    expect(verifyLicenseFile(locked, jwks, DURING).code).toBe('NOT_YET_VALID');
    const expiredAndLocked = sign({ hostId: 'h', expiresAt: '2026-03-01' });
    expect(verifyLicenseFile(expiredAndLocked, jwks, DURING).code).toBe('EXPIRED');
  });

  it('verifies any signed payload under its format, not only what the portal types allow', () => {
    const doc = signDocument(
      'lp-license-1',
      { ...aLicensePayload(), extra: { nested: [1, 'two'] } },
      signer(current),
    );
    expect(verifyLicenseFile(doc, jwks, DURING).code).toBe('VALID');
  });

  it('refuses an invalid now as a programming fault', () => {
    expect(() => verifyLicenseFile(sign(), jwks, { now: new Date('nope') })).toThrow(TypeError);
  });
});
