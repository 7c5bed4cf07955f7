import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  SERIAL_KINDS,
  formatSerialNumber,
  generateSerialNumber,
  isSerialNumber,
  parseSerialNumber,
} from './serial-number.js';

const nineDigits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 9, maxLength: 9 });
const serialArb = fc
  .tuple(fc.constantFrom(...SERIAL_KINDS), nineDigits)
  .map(([k, d]) => generateSerialNumber(k, d));

/** Every serial that differs from `serial` by one digit (check digit included). */
function substitutions(serial: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < serial.length; i++) {
    for (const d of '0123456789') if (d !== serial[i]) out.push(serial.slice(0, i) + d + serial.slice(i + 1));
  }
  return out;
}

/** Every serial with two adjacent, different digits swapped (check digit included). */
function transpositions(serial: string): string[] {
  const out: string[] = [];
  for (let i = 1; i < serial.length - 1; i++) {
    const a = serial[i]!;
    const b = serial[i + 1]!;
    if (a !== b) out.push(serial.slice(0, i) + b + a + serial.slice(i + 2));
  }
  return out;
}

const CHECK_FAULT = 'serialNumber: check digit does not match — look for a mistyped digit';

function expectAllMutationsCaught(serial: string): void {
  // Collect the misses and assert once: hundreds of thousands of `expect` calls would be slow.
  const missed = [...substitutions(serial), ...transpositions(serial)].filter((typo) => {
    const result = parseSerialNumber(typo);
    return result.ok || result.message !== CHECK_FAULT;
  });
  expect(missed).toEqual([]);
}

describe('parseSerialNumber', () => {
  it('accepts the SPEC example M3482915673', () => {
    expect(parseSerialNumber('M3482915673')).toEqual({ ok: true, value: 'M3482915673', kind: 'M' });
  });

  it('ignores case, spaces and dashes and reads O as 0 and I/L as 1', () => {
    for (const typed of ['m3482915673', ' M 3482-9156-73 ', 'M–3482 9156 73']) {
      expect(parseSerialNumber(typed)).toEqual({ ok: true, value: 'M3482915673', kind: 'M' });
    }
    const withOnes = generateSerialNumber('S', '101010101');
    expect(parseSerialNumber(withOnes.replace(/1/g, 'l').replace(/0/g, 'o'))).toMatchObject({
      ok: true,
      value: withOnes,
    });
    expect(parseSerialNumber(withOnes.replace(/1/g, 'I').replace(/0/g, 'O'))).toMatchObject({
      ok: true,
      value: withOnes,
    });
  });

  it('names the field and the fault', () => {
    const fault = (input: string, options = {}) => {
      const result = parseSerialNumber(input, options);
      return result.ok ? 'ok' : result.message;
    };
    expect(fault('M3482915674')).toBe('serialNumber: check digit does not match — look for a mistyped digit');
    expect(fault('X3482915673')).toBe('serialNumber: must be a letter (S, M or E) followed by 10 digits');
    expect(fault('3482915673')).toBe('serialNumber: must be a letter (S, M or E) followed by 10 digits');
    expect(fault('')).toBe('serialNumber: must be a letter (S, M or E) followed by 10 digits');
    expect(fault('M348291567')).toBe('serialNumber: has 9 digits, needs 10');
    expect(fault('M34829156733')).toBe('serialNumber: has 11 digits, needs 10');
    expect(fault('M34829#5673')).toBe(
      'serialNumber: "#" at position 7 is not a digit — after the letter come 10 digits',
    );
    expect(fault('M3482915673', { kinds: ['S'] })).toBe(
      'serialNumber: this is a maintenance contract number (M…); enter the product serial number (S…) from the certificate',
    );
    expect(fault('X3482915673', { kinds: ['S'] })).toBe(
      'serialNumber: must be the letter S followed by 10 digits',
    );
    expect(fault('M348291567', { field: 'serialNumbers[2]' })).toBe(
      'serialNumbers[2]: has 9 digits, needs 10',
    );
  });

  it('reports a wrong kind before a check digit fault: the wrong line was copied, not mistyped', () => {
    const result = parseSerialNumber('E3482915674', { kinds: ['M'] });
    expect(result.ok ? '' : result.message).toContain('this is an Enterprise Flexible contract number (E…)');
  });

  it('says so when another kind of identifier was typed', () => {
    const fault = (input: string) => {
      const result = parseSerialNumber(input, { kinds: ['S'] });
      return result.ok ? 'ok' : result.message;
    };
    expect(fault('7QK2M-ZD4HX-A0P3R-W8N6T-JB5CN')).toBe(
      'serialNumber: this is a license key; enter the product serial number (S…) from the certificate',
    );
    expect(fault('V-7K2M-Q9ZD-4HXA-0P39')).toContain('this is a voucher code');
    expect(fault('N0000012340')).toContain('this is an upgrade notification ID (N…)');
  });

  it('refuses U and other letters in the digits', () => {
    expect(parseSerialNumber('M34829U5673').ok).toBe(false);
  });

  it('catches every single substitution and every adjacent transposition in the SPEC example', () => {
    expectAllMutationsCaught('M3482915673');
  });

  it('catches every single substitution and adjacent transposition in 2,000 sampled serials', () => {
    fc.assert(
      fc.property(serialArb, (serial) => expectAllMutationsCaught(serial)),
      { numRuns: 2000 },
    );
  });

  it('round-trips any typed variant of a valid serial to its canonical form', () => {
    const variant = fc.tuple(
      serialArb,
      fc.array(fc.constantFrom('', ' ', '-', ' - '), { minLength: 12, maxLength: 12 }),
      fc.boolean(),
    );
    fc.assert(
      fc.property(variant, ([serial, separators, lower]) => {
        let typed = [...serial].map((c, i) => separators[i] + c).join('') + separators[11];
        typed =
          typed.slice(0, 1) +
          typed
            .slice(1)
            .replace(/0/g, 'O')
            .replace(/1/g, lower ? 'l' : 'I');
        if (lower) typed = typed.toLowerCase();
        expect(parseSerialNumber(typed)).toEqual({ ok: true, value: serial, kind: serial[0] });
      }),
    );
  });
});

describe('generateSerialNumber', () => {
  it('always generates serials that parse, of the kind asked', () => {
    for (const kind of SERIAL_KINDS) {
      for (let i = 0; i < 500; i++) {
        const serial = generateSerialNumber(kind);
        expect(serial).toMatch(/^[SME][0-9]{10}$/);
        expect(parseSerialNumber(serial, { kinds: [kind] })).toEqual({ ok: true, value: serial, kind });
      }
    }
  });

  it('uses given digits and refuses anything but 9 digits', () => {
    expect(generateSerialNumber('M', '348291567')).toBe('M3482915673');
    expect(() => generateSerialNumber('M', '34829156')).toThrow(TypeError);
    expect(() => generateSerialNumber('X' as 'M')).toThrow(TypeError);
  });
});

describe('formatSerialNumber and isSerialNumber', () => {
  it('formats for display, grouped or not, and both forms parse back', () => {
    expect(formatSerialNumber('m3482915673')).toBe('M3482915673');
    expect(formatSerialNumber('M3482915673', { grouped: true })).toBe('M 3482 9156 73');
    expect(isSerialNumber('M 3482 9156 73', ['M'])).toBe(true);
    expect(isSerialNumber('M3482915673', ['S'])).toBe(false);
    expect(() => formatSerialNumber('M3482915674')).toThrow(TypeError);
  });
});
