import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { adjacentTranspositions, isZeroZSwap, singleSubstitutions } from './typos.test-support.js';
import { CROCKFORD_ALPHABET } from './crockford.js';
import { luhn32CheckChar } from './luhn32.js';
import {
  formatLicenseKey,
  formatLicenseKeyBody,
  generateLicenseKey,
  parseLicenseKey,
} from './license-key.js';
import { generateSerialNumber, parseSerialNumber } from './serial-number.js';
import { parseNotificationId } from './notification-id.js';
import { parseVoucherCode } from './voucher-code.js';

const payloadArb = fc.string({ unit: fc.constantFrom(...CROCKFORD_ALPHABET), minLength: 24, maxLength: 24 });
const keyArb = payloadArb.map((p) => formatLicenseKeyBody(p + luhn32CheckChar(p)));
const bodyOf = (key: string): string => key.replace(/-/g, '');

describe('parseLicenseKey', () => {
  it('accepts the SPEC example 7QK2M-ZD4HX-A0P3R-W8N6T-JB5CN in any typed form', () => {
    for (const typed of [
      '7QK2M-ZD4HX-A0P3R-W8N6T-JB5CN',
      '7qk2mzd4hxa0p3rw8n6tjb5cn',
      '7QK2M ZD4HX AOP3R W8N6T JB5CN',
    ]) {
      expect(parseLicenseKey(typed)).toEqual({ ok: true, value: '7QK2M-ZD4HX-A0P3R-W8N6T-JB5CN' });
    }
  });

  it('reads a key in its display form as itself, and as its typed forms read', () => {
    fc.assert(
      fc.property(keyArb, (key) => {
        expect(parseLicenseKey(key)).toEqual({ ok: true, value: key });
        expect(parseLicenseKey(key.toLowerCase().replaceAll('-', ' '))).toEqual({ ok: true, value: key });
      }),
    );
  });

  it('names the field and the fault', () => {
    const fault = (input: string) => {
      const result = parseLicenseKey(input);
      return result.ok ? 'ok' : result.message;
    };
    expect(fault('7QK2M-ZD4HX-A0P3R-W8N6T-JB5CP')).toBe(
      'licenseKey: check character does not match — look for a mistyped character',
    );
    expect(fault('7QK2M-ZD4HX-A0P3R-W8N6T-JB5C')).toBe(
      'licenseKey: has 24 characters, needs 25 (5 groups of 5)',
    );
    expect(fault('7QK2M-ZD4HX-A0P3R-W8N6T-JB5CU')).toBe(
      'licenseKey: "U" at position 29 is not allowed — U is never used in these codes',
    );
  });

  it('catches every single substitution, the check character included', () => {
    fc.assert(
      fc.property(keyArb, (key) => {
        expect(singleSubstitutions(bodyOf(key)).filter((typo) => parseLicenseKey(typo).ok)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('catches every adjacent transposition except 0 <-> Z, and misses exactly those', () => {
    fc.assert(
      fc.property(keyArb, (key) => {
        for (const { typo, pair } of adjacentTranspositions(bodyOf(key))) {
          expect(parseLicenseKey(typo).ok).toBe(isZeroZSwap(pair));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips lowercase, separators and I/L/O confusions to the canonical form', () => {
    fc.assert(
      fc.property(keyArb, fc.constantFrom('', ' ', '-', ' - '), (key, sep) => {
        const typed = bodyOf(key).replace(/1/g, 'I').replace(/0/g, 'o').split('').join(sep);
        expect(parseLicenseKey(typed.toLowerCase())).toEqual({ ok: true, value: key });
      }),
    );
  });
});

describe('a license key is never taken for a serial number, nor the other way round', () => {
  it('holds for generated keys and serials', () => {
    for (let i = 0; i < 2000; i++) {
      const key = generateLicenseKey();
      expect(parseLicenseKey(key)).toEqual({ ok: true, value: key });
      expect(parseSerialNumber(key).ok).toBe(false);
      expect(parseNotificationId(key).ok).toBe(false);
      expect(parseVoucherCode(key).ok).toBe(false);
      expect(parseLicenseKey(generateSerialNumber('S')).ok).toBe(false);
    }
  });

  it('holds for a key made only of digits', () => {
    const payload = '3482915673348291567334829';
    const key = payload.slice(0, 24) + luhn32CheckChar(payload.slice(0, 24));
    expect(parseLicenseKey(key).ok).toBe(true);
    expect(parseSerialNumber('S' + key).ok).toBe(false);
  });

  it('formats a stored key and refuses an invalid one', () => {
    expect(formatLicenseKey('7qk2mzd4hxa0p3rw8n6tjb5cn')).toBe('7QK2M-ZD4HX-A0P3R-W8N6T-JB5CN');
    expect(() => formatLicenseKey('7QK2M')).toThrow(TypeError);
  });
});
