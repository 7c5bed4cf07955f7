import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DAMM_TABLE, dammCheckDigit, isDammValid } from './damm.js';

const cell = (row: number, col: number): number => DAMM_TABLE[row]![col]!;
const range10 = [...Array(10).keys()];

describe('the Damm table', () => {
  it('is a Latin square: every row and column is a permutation, so every single substitution changes the result', () => {
    for (const i of range10) {
      expect(new Set(range10.map((j) => cell(i, j))).size).toBe(10);
      expect(new Set(range10.map((j) => cell(j, i))).size).toBe(10);
    }
  });

  it('has zeros on the diagonal, so a digit followed by its own check is always valid', () => {
    for (const i of range10) expect(cell(i, i)).toBe(0);
  });

  it('is totally anti-symmetric from every interim: every adjacent transposition of different digits changes the interim', () => {
    for (const interim of range10) {
      for (const a of range10) {
        for (const b of range10) {
          if (a === b) continue;
          expect(cell(cell(interim, a), b)).not.toBe(cell(cell(interim, b), a));
        }
      }
    }
  });
});

describe('dammCheckDigit', () => {
  it('gives the published check digit of 572 (4)', () => {
    expect(dammCheckDigit('572')).toBe(4);
    expect(isDammValid('5724')).toBe(true);
  });

  it('matches the SPEC examples', () => {
    expect(dammCheckDigit('348291567')).toBe(3);
    expect(dammCheckDigit('000001234')).toBe(0);
  });

  it('refuses non-digits as a programming fault', () => {
    expect(() => dammCheckDigit('12a')).toThrow(TypeError);
    expect(() => dammCheckDigit('')).toThrow(TypeError);
  });

  it('always yields a valid number when appended', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 30 }),
        (digits) => {
          expect(isDammValid(digits + dammCheckDigit(digits))).toBe(true);
        },
      ),
    );
  });
});

describe('isDammValid', () => {
  it('is false for non-digits and for too-short input', () => {
    expect(isDammValid('')).toBe(false);
    expect(isDammValid('0')).toBe(false);
    expect(isDammValid('34829156 3')).toBe(false);
  });
});
