import { describe, expect, it } from 'vitest';
import { checkTypedSerial } from './serial-check';

describe('the serial typo check', () => {
  it('stays quiet while a serial is being typed', () => {
    expect(checkTypedSerial('')).toEqual({ ok: false, message: null });
    expect(checkTypedSerial('S12345')).toEqual({ ok: false, message: null });
  });

  it('accepts a valid serial however it is typed', () => {
    const valid = 'S0000012340';
    expect(checkTypedSerial(valid)).toEqual({ ok: true, value: valid });
    expect(checkTypedSerial('s 0000-0123 40')).toEqual({ ok: true, value: valid });
  });

  it('tells a mistyped digit once the serial is complete', () => {
    const res = checkTypedSerial('S0000012341');
    expect(res.ok).toBe(false);
    expect(!res.ok && res.message).toMatch(/check digit/);
  });
});
