import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotpStep,
  otpauthUri,
  totpCode,
} from '../../src/server/modules/two-factor/totp.js';
import {
  newRecoveryCode,
  normalizeRecoveryCode,
} from '../../src/server/modules/two-factor/recovery-codes.js';

const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const RFC_SECRET = base32Encode(RFC_KEY);

describe('HOTP and TOTP against the RFC test vectors', () => {
  it('computes RFC 4226 Appendix D', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, counter) => hotp(RFC_KEY, counter))).toEqual(expected);
  });

  it('computes RFC 6238 Appendix B (SHA-1, 8 digits)', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors)
      expect(totpCode(RFC_SECRET, new Date(seconds * 1000), 8)).toBe(code);
  });

  it('round-trips base32 and refuses characters outside it', () => {
    expect(base32Decode(RFC_SECRET)).toEqual(RFC_KEY);
    expect(RFC_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(() => base32Decode('GEZ1')).toThrow(/not a base32 character/);
  });

  it('accepts one step either side of now, and not two', () => {
    const at = new Date('2026-11-23T09:00:15.000Z');
    const code = (offsetSeconds: number) =>
      totpCode(RFC_SECRET, new Date(at.getTime() + offsetSeconds * 1000));
    const step = Math.floor(at.getTime() / 30_000);
    expect(matchTotpStep(RFC_SECRET, code(0), at)).toBe(step);
    expect(matchTotpStep(RFC_SECRET, code(-30), at)).toBe(step - 1);
    expect(matchTotpStep(RFC_SECRET, code(30), at)).toBe(step + 1);
    expect(matchTotpStep(RFC_SECRET, code(-60), at)).toBeNull();
    expect(matchTotpStep(RFC_SECRET, code(60), at)).toBeNull();
    expect(matchTotpStep(RFC_SECRET, '12345', at)).toBeNull();
  });

  it('writes an otpauth URI that authenticator apps read', () => {
    const text = otpauthUri(RFC_SECRET, 'Example Software', 'alice@acme.test');
    expect(text.startsWith('otpauth://totp/Example%20Software:alice%40acme.test?')).toBe(true);
    const uri = new URL(text);
    expect(uri.searchParams.get('secret')).toBe(RFC_SECRET);
    expect(uri.searchParams.get('issuer')).toBe('Example Software');
    expect(uri.searchParams.get('period')).toBe('30');
  });
});

describe('recovery codes', () => {
  it('are 16 Crockford characters in four groups, forgiving case, dashes and confusions', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(normalizeRecoveryCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code.replace(/-/g, ''));
    expect(normalizeRecoveryCode('oooo-iiii-llll-0000')).toBe('0000111111110000');
    expect(normalizeRecoveryCode('ABCD-EFGH')).toBeNull();
    expect(normalizeRecoveryCode('UUUU-UUUU-UUUU-UUUU')).toBeNull();
  });
});
