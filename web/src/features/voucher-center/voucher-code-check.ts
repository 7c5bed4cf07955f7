import { parseVoucherCode } from '../../../../src/domain/identifiers/voucher-code';

export type CodeCheck =
  { kind: 'empty' } | { kind: 'valid'; code: string } | { kind: 'typo'; message: string; complete: boolean };

/**
 * The same check the portal makes before it looks a code up, run as the person types: a typo
 * is told at once, and the code is sent in its canonical form. `complete` says whether enough
 * characters were typed for the fault to be worth showing before the field is left.
 */
export function checkVoucherCode(typed: string): CodeCheck {
  if (typed.trim() === '') return { kind: 'empty' };
  const parsed = parseVoucherCode(typed, { field: 'code' });
  if (parsed.ok) return { kind: 'valid', code: parsed.value };
  const significant = typed.replace(/^[\s-]*v[\s-]/i, '').replace(/[\s\p{Pd}]/gu, '').length;
  return { kind: 'typo', message: parsed.message.replace(/^code: /, ''), complete: significant >= 16 };
}
