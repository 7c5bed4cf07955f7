import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatNotificationId, generateNotificationId, parseNotificationId } from './notification-id.js';

const nineDigits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 9, maxLength: 9 });

describe('parseNotificationId', () => {
  it('accepts the SPEC example N0000012340 in any typed form', () => {
    for (const typed of ['N0000012340', 'n 0000-0123-40', 'NOOOOO1234O']) {
      expect(parseNotificationId(typed)).toEqual({ ok: true, value: 'N0000012340' });
    }
  });

  it('names the field and the fault', () => {
    const fault = (input: string) => {
      const result = parseNotificationId(input);
      return result.ok ? 'ok' : result.message;
    };
    expect(fault('N0000012341')).toBe(
      'notificationId: check digit does not match — look for a mistyped digit',
    );
    expect(fault('N000001234')).toBe('notificationId: has 9 digits, needs 10');
    expect(fault('X0000012340')).toBe('notificationId: must be the letter N followed by 10 digits');
    expect(fault('M3482915673')).toBe(
      'notificationId: this is a maintenance contract number (M…); enter the upgrade notification ID (N…) from the upgrade notification',
    );
  });

  it('catches every single substitution and adjacent transposition', () => {
    fc.assert(
      fc.property(nineDigits, (digits) => {
        const id = generateNotificationId(digits);
        const typos: string[] = [];
        for (let i = 1; i < id.length; i++) {
          for (const d of '0123456789') if (d !== id[i]) typos.push(id.slice(0, i) + d + id.slice(i + 1));
          const next = id[i + 1];
          if (next !== undefined && next !== id[i])
            typos.push(id.slice(0, i) + next + id[i] + id.slice(i + 2));
        }
        expect(typos.filter((typo) => parseNotificationId(typo).ok)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('generateNotificationId', () => {
  it('always generates IDs that parse', () => {
    for (let i = 0; i < 1000; i++) {
      const id = generateNotificationId();
      expect(parseNotificationId(id)).toEqual({ ok: true, value: id });
    }
    expect(generateNotificationId('000001234')).toBe('N0000012340');
    expect(() => generateNotificationId('12')).toThrow(TypeError);
    expect(formatNotificationId('n0000012340')).toBe('N0000012340');
  });
});
