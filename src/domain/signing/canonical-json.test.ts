import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { canonicalBytes, canonicalize } from './canonical-json.js';

describe('canonicalize (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, not by code points', () => {
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB33 in UTF-16 order.
    const value = {
      '\u20ac': 'euro',
      '\r': 'cr',
      '\ufb33': 'dalet',
      '1': 'one',
      '\u{1F600}': 'smile',
      '\u0080': 'ctrl',
      '\u00f6': 'o',
    };
    expect(canonicalize(value)).toBe(
      '{"\\r":"cr","1":"one","\u0080":"ctrl","\u00f6":"o","\u20ac":"euro","\u{1F600}":"smile","\ufb33":"dalet"}',
    );
  });

  it('sorts nested objects and drops all whitespace', () => {
    expect(canonicalize({ b: [1, { d: true, c: null }], a: 'x', A: {} })).toBe(
      '{"A":{},"a":"x","b":[1,{"c":null,"d":true}]}',
    );
  });

  it('writes numbers in the ECMAScript shortest form', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-0, '0'],
      [1e21, '1e+21'],
      [1e20, '100000000000000000000'],
      [1e-7, '1e-7'],
      [0.000001, '0.000001'],
      [0.002, '0.002'],
      [4.5, '4.5'],
      [-1.5e-10, '-1.5e-10'],
      [333333333.3333333, '333333333.3333333'],
      [9007199254740992, '9007199254740992'],
      [5e-324, '5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [0.1 + 0.2, '0.30000000000000004'],
    ];
    for (const [value, text] of cases) expect(canonicalize(value)).toBe(text);
  });

  it('escapes strings as JSON.stringify does, with lowercase hex', () => {
    expect(canonicalize('\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/')).toBe(
      '"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"',
    );
    expect(canonicalize('\u007f\u2028\ud83d\ude00')).toBe('"\u007f\u2028\ud83d\ude00"');
  });

  it('encodes the result as UTF-8', () => {
    expect([...canonicalBytes({ k: '\u20ac' })]).toEqual([
      ...Buffer.from('{"k":"', 'utf8'),
      0xe2,
      0x82,
      0xac,
      ...Buffer.from('"}', 'utf8'),
    ]);
  });

  it('refuses what JSON cannot say faithfully, naming the path', () => {
    expect(() => canonicalize({ a: [1, Number.NaN] })).toThrow('canonical JSON: $.a[1] is NaN');
    expect(() => canonicalize(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    expect(() => canonicalize({ a: undefined })).toThrow('canonical JSON: $.a is undefined');
    expect(() => canonicalize(undefined)).toThrow(TypeError);
    expect(() => canonicalize([undefined])).toThrow(TypeError);
    expect(() => canonicalize(() => 1)).toThrow(TypeError);
    expect(() => canonicalize(10n)).toThrow(TypeError);
    expect(() => canonicalize({ at: new Date(0) })).toThrow('not a plain object');
    expect(() => canonicalize(new Map())).toThrow(TypeError);
    expect(() => canonicalize('\ud800')).toThrow('lone surrogate');
    expect(() => canonicalize({ '\udc00': 1 })).toThrow('lone surrogate');
    // eslint-disable-next-line no-sparse-arrays
    expect(() => canonicalize([1, , 3])).toThrow('sparse');
  });

  it('refuses cycles but allows a value that appears twice', () => {
    const shared = { x: 1 };
    expect(canonicalize([shared, shared])).toBe('[{"x":1},{"x":1}]');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalize(cyclic)).toThrow('cycle');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 1;
    bare.a = 2;
    expect(canonicalize(bare)).toBe('{"a":2,"b":1}');
  });

  it('is stable: parsing canonical text and canonicalizing again gives the same text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalize(value);
        expect(canonicalize(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
});
