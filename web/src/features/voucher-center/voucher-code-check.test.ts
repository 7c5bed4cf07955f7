import { describe, expect, it } from 'vitest';
import { checkVoucherCode } from './voucher-code-check';

describe('voucher code check as typed', () => {
  it('reads a loosely typed valid code in its canonical form', () => {
    expect(checkVoucherCode('v 7k2m q9zd 4hxa 0p39')).toEqual({
      kind: 'valid',
      code: 'V-7K2M-Q9ZD-4HXA-0P39',
    });
    expect(checkVoucherCode('7K2MQ9ZD4HXAOP39')).toEqual({ kind: 'valid', code: 'V-7K2M-Q9ZD-4HXA-0P39' });
  });

  it('tells a mistyped character once the code is complete, and waits while it is short', () => {
    const typo = checkVoucherCode('V-7K2M-Q9ZD-4HXA-0P38');
    expect(typo).toMatchObject({ kind: 'typo', complete: true });
    expect(typo.kind === 'typo' && typo.message).toMatch(/check/i);
    expect(checkVoucherCode('V-7K2M')).toMatchObject({ kind: 'typo', complete: false });
    expect(checkVoucherCode('  ')).toEqual({ kind: 'empty' });
  });
});
