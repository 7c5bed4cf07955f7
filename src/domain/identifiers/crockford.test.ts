import { describe, it, expect } from 'vitest';
import {
  CROCKFORD_ALPHABET,
  crockfordValue,
  groupChars,
  normalizeCrockford,
  randomCrockford,
} from './crockford.js';

describe('CROCKFORD_ALPHABET', () => {
  it('has 32 distinct characters and none of I, L, O, U', () => {
    expect(new Set(CROCKFORD_ALPHABET).size).toBe(32);
    expect(CROCKFORD_ALPHABET).not.toMatch(/[ILOU]/);
    expect(crockfordValue('Z')).toBe(31);
    expect(crockfordValue('U')).toBe(-1);
  });
});

describe('normalizeCrockford', () => {
  it('uppercases, drops whitespace and any dash, and maps I/L to 1 and O to 0', () => {
    expect(normalizeCrockford(' ab-cd\tio l–x\u00a0y\u200bz ', 'code')).toEqual({
      ok: true,
      value: 'ABCD101XYZ',
    });
  });

  it('refuses U, naming the character and its position in what was typed', () => {
    expect(normalizeCrockford('ab-cu', 'code')).toEqual({
      ok: false,
      field: 'code',
      message: 'code: "U" at position 5 is not allowed — U is never used in these codes',
    });
  });

  it('refuses any other character with a clear message', () => {
    const result = normalizeCrockford('12#4', 'licenseKey');
    expect(result).toEqual({
      ok: false,
      field: 'licenseKey',
      message:
        'licenseKey: "#" at position 3 is not allowed — use the digits 0–9 and the letters A–Z except U',
    });
    expect(normalizeCrockford('ß', 'code').ok).toBe(false);
    expect(normalizeCrockford('é', 'code').ok).toBe(false);
  });
});

describe('randomCrockford and groupChars', () => {
  it('draws canonical characters and uses the whole alphabet', () => {
    const drawn = randomCrockford(4000);
    expect(drawn).toHaveLength(4000);
    expect(drawn).toMatch(/^[0-9A-HJKMNP-TV-Z]+$/);
    expect(new Set(drawn).size).toBe(32);
  });

  it('groups characters with dashes', () => {
    expect(groupChars('ABCDEFGHJ', 4)).toBe('ABCD-EFGH-J');
  });
});
