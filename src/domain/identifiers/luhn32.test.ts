import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CROCKFORD_ALPHABET } from './crockford.js';
import { isLuhn32Valid, luhn32CheckChar } from './luhn32.js';

const N = 32;
const values = [...Array(N).keys()];
const fold = (v: number): number => Math.floor((2 * v) / N) + ((2 * v) % N);
const crockfordString = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...CROCKFORD_ALPHABET), minLength: min, maxLength: max });

describe('the Luhn mod 32 guarantees, over every character value', () => {
  it('doubling-and-folding is a permutation, so every single substitution is detected in any position', () => {
    expect(new Set(values.map(fold)).size).toBe(N);
  });

  it('detects every adjacent transposition of different characters except 0 <-> Z', () => {
    const undetected: string[] = [];
    for (const a of values) {
      for (const b of values) {
        // One of the pair is doubled and the other not; the swap goes unseen iff the sums agree.
        if (a !== b && (fold(a) + b) % N === (a + fold(b)) % N)
          undetected.push(CROCKFORD_ALPHABET[a]! + CROCKFORD_ALPHABET[b]!);
      }
    }
    expect(undetected.sort()).toEqual(['0Z', 'Z0']);
  });
});

describe('luhn32CheckChar', () => {
  it('matches the SPEC examples', () => {
    expect(luhn32CheckChar('7K2MQ9ZD4HXA0P3')).toBe('9');
    expect(luhn32CheckChar('7QK2MZD4HXA0P3RW8N6TJB5C')).toBe('N');
  });

  it('computes small cases by hand: "1" doubles to 2, check is 30 = Y', () => {
    expect(luhn32CheckChar('1')).toBe('Y');
    expect(luhn32CheckChar('0')).toBe('0');
    // Z = 31 doubled = 62 -> 1 + 30 = 31; check = 1.
    expect(luhn32CheckChar('Z')).toBe('1');
  });

  it('refuses non-canonical characters as a programming fault', () => {
    expect(() => luhn32CheckChar('U')).toThrow(TypeError);
    expect(() => luhn32CheckChar('a')).toThrow(TypeError);
    expect(() => luhn32CheckChar('')).toThrow(TypeError);
  });

  it('always yields a valid code when appended', () => {
    fc.assert(
      fc.property(crockfordString(1, 40), (payload) => {
        expect(isLuhn32Valid(payload + luhn32CheckChar(payload))).toBe(true);
      }),
    );
  });
});

describe('isLuhn32Valid', () => {
  it('is false for too-short input and for characters outside the alphabet', () => {
    expect(isLuhn32Valid('')).toBe(false);
    expect(isLuhn32Valid('0')).toBe(false);
    expect(isLuhn32Valid('1U')).toBe(false);
  });

  it('catches every single substitution on random codes', () => {
    fc.assert(
      fc.property(
        crockfordString(1, 30),
        fc.nat(),
        fc.integer({ min: 1, max: N - 1 }),
        (payload, at, shift) => {
          const code = payload + luhn32CheckChar(payload);
          const i = at % code.length;
          const replaced = CROCKFORD_ALPHABET[(CROCKFORD_ALPHABET.indexOf(code[i]!) + shift) % N]!;
          expect(isLuhn32Valid(code.slice(0, i) + replaced + code.slice(i + 1))).toBe(false);
        },
      ),
    );
  });
});
