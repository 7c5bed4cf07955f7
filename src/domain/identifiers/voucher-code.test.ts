import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { adjacentTranspositions, isZeroZSwap, singleSubstitutions } from './typos.test-support.js';
import { CROCKFORD_ALPHABET } from './crockford.js';
import { luhn32CheckChar } from './luhn32.js';
import {
  formatVoucherBody,
  formatVoucherCode,
  generateVoucherCode,
  parseVoucherCode,
} from './voucher-code.js';
import { parseLicenseKey } from './license-key.js';
import { parseSerialNumber } from './serial-number.js';

const payloadArb = fc.string({ unit: fc.constantFrom(...CROCKFORD_ALPHABET), minLength: 15, maxLength: 15 });
const voucherArb = payloadArb.map((p) => formatVoucherBody(p + luhn32CheckChar(p)));
const bodyOf = (code: string): string => code.slice(2).replace(/-/g, '');

describe('parseVoucherCode', () => {
  it('accepts the SPEC example V-7K2M-Q9ZD-4HXA-0P39 in any typed form', () => {
    for (const typed of [
      'V-7K2M-Q9ZD-4HXA-0P39',
      'v-7k2m-q9zd-4hxa-0p39',
      '7K2MQ9ZD4HXA0P39',
      ' V 7K2M Q9ZD 4HXA OP39 ',
      'V7K2MQ9ZD4HXA0P39',
    ]) {
      expect(parseVoucherCode(typed)).toEqual({ ok: true, value: 'V-7K2M-Q9ZD-4HXA-0P39' });
    }
  });

  it('names the field and the fault', () => {
    const fault = (input: string) => {
      const result = parseVoucherCode(input);
      return result.ok ? 'ok' : result.message;
    };
    expect(fault('V-7K2M-Q9ZD-4HXA-0P38')).toBe(
      'code: check character does not match — look for a mistyped character',
    );
    expect(fault('V-7K2M-Q9ZD-4HXA-0P3')).toBe('code: has 15 characters, needs 16 (V- and 4 groups of 4)');
    expect(fault('V-7K2M-Q9ZD-4HXA-0P3U')).toBe(
      'code: "U" at position 21 is not allowed — U is never used in these codes',
    );
    expect(parseVoucherCode('x', { field: 'vouchers[3]' })).toMatchObject({
      ok: false,
      field: 'vouchers[3]',
    });
  });

  it('keeps a body that starts with V apart from the prefix', () => {
    const payload = 'V00000000000000';
    const code = formatVoucherBody(payload + luhn32CheckChar(payload));
    expect(parseVoucherCode(code)).toEqual({ ok: true, value: code });
    expect(parseVoucherCode(bodyOf(code))).toEqual({ ok: true, value: code });
    expect(parseVoucherCode(bodyOf(code).split('').join('-'))).toEqual({ ok: true, value: code });
  });

  it('catches every single substitution, the check character included', () => {
    fc.assert(
      fc.property(voucherArb, (code) => {
        expect(singleSubstitutions(bodyOf(code)).filter((typo) => parseVoucherCode(typo).ok)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('catches every adjacent transposition except 0 <-> Z, and misses exactly those', () => {
    fc.assert(
      fc.property(voucherArb, (code) => {
        for (const { typo, pair } of adjacentTranspositions(bodyOf(code))) {
          expect(parseVoucherCode(typo).ok).toBe(isZeroZSwap(pair));
        }
      }),
      { numRuns: 300 },
    );
    const payload = '0Z0000000000000';
    const code = payload + luhn32CheckChar(payload);
    expect(parseVoucherCode('Z0' + code.slice(2)).ok).toBe(true);
  });

  it('round-trips lowercase, separators and I/L/O confusions to the canonical form', () => {
    fc.assert(
      fc.property(voucherArb, fc.boolean(), fc.constantFrom('', ' ', '-', '  '), (code, prefix, sep) => {
        const typed =
          (prefix ? 'v' + sep : '') + bodyOf(code).replace(/1/g, 'l').replace(/0/g, 'o').split('').join(sep);
        expect(parseVoucherCode(typed.toLowerCase())).toEqual({ ok: true, value: code });
      }),
    );
  });
});

describe('generateVoucherCode', () => {
  it('always generates codes that parse and never look like a key or a serial', () => {
    for (let i = 0; i < 2000; i++) {
      const code = generateVoucherCode();
      expect(code).toMatch(/^V-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      expect(parseVoucherCode(code)).toEqual({ ok: true, value: code });
      expect(parseLicenseKey(code).ok).toBe(false);
      expect(parseSerialNumber(code).ok).toBe(false);
    }
  });

  it('formats a stored code and refuses an invalid one', () => {
    expect(formatVoucherCode('7k2mq9zd4hxa0p39')).toBe('V-7K2M-Q9ZD-4HXA-0P39');
    expect(() => formatVoucherCode('V-7K2M-Q9ZD-4HXA-0P38')).toThrow(TypeError);
  });
});
