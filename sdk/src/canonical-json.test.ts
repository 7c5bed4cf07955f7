import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';
// Test-only reach into the portal: the shipped SDK never imports from src/.
import { canonicalize } from '../../src/domain/signing/canonical-json.js';

/** Run both canonicalizers; they must agree on the text, or both refuse. */
function both(value: unknown): { sdk: string; portal: string } {
  const run = (f: (v: unknown) => string) => {
    try {
      return f(value);
    } catch {
      return '<refused>';
    }
  };
  return { sdk: run(canonicalJson), portal: run(canonicalize) };
}

describe('the SDK canonicalizer writes the same bytes as the portal', () => {
  it.each(['grapheme', 'grapheme-ascii', 'binary', 'binary-ascii'] as const)(
    'on generated JSON values (%s strings)',
    (stringUnit) => {
      fc.assert(
        fc.property(fc.jsonValue({ stringUnit }), (value) => {
          const { sdk, portal } = both(value);
          expect(sdk).not.toBe('<refused>');
          expect(Buffer.from(sdk, 'utf8').equals(Buffer.from(portal, 'utf8'))).toBe(true);
        }),
        { numRuns: 250 },
      );
    },
  );

  it('on generated doubles, including -0, tiny and huge values', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const { sdk, portal } = both({ n, list: [n, -n] });
        expect(sdk).toBe(portal);
      }),
      { numRuns: 2000 },
    );
  });

  it('on keys that sort differently by code point and by UTF-16 code unit', () => {
    const keys = fc.string({
      unit: fc.constantFrom('a', 'Z', '\u00e9', '\u20ac', '\ufb33', '\u{1F600}', '\u{10000}', '\r', '\u0000'),
    });
    fc.assert(
      fc.property(fc.dictionary(keys, fc.integer()), (value) => {
        const { sdk, portal } = both(value);
        expect(sdk).toBe(portal);
      }),
    );
  });

  it('and agree on strings with lone surrogates (both refuse) or well-formed pairs (both write)', () => {
    const units = fc.constantFrom('a', '\ud800', '\udc00', '\ud83d\ude00', '"', '\u001f');
    fc.assert(
      fc.property(fc.string({ unit: units, maxLength: 6 }), fc.boolean(), (text, asKey) => {
        const { sdk, portal } = both(asKey ? { [text]: 0 } : [text]);
        expect(sdk).toBe(portal);
      }),
    );
  });

  it('and both refuse the same bad values', () => {
    const sparse: unknown[] = [1];
    sparse[2] = 2;
    const bad: unknown[] = [
      Number.NaN,
      Number.NEGATIVE_INFINITY,
      undefined,
      { a: undefined },
      [() => 0],
      1n,
      new Date(0),
      '\ud800x',
      { '\udfff': 1 },
      sparse,
    ];
    for (const value of bad) expect(both(value)).toEqual({ sdk: '<refused>', portal: '<refused>' });
  });
});
