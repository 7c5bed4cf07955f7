import { parseSerialNumber } from '../../../../src/domain/identifiers/serial-number';

/**
 * The typo check while the person types: the same parser the portal runs, so a mistyped digit is
 * told before any lookup. Silent until the input could be complete.
 */
export function checkTypedSerial(input: string): { ok: true; value: string } | { ok: false; message: string | null } {
  const compact = input.replace(/[\s-]/g, '');
  if (compact.length === 0) return { ok: false, message: null };
  const result = parseSerialNumber(input, { field: 'serialNumber', kinds: ['S'] });
  if (result.ok) return { ok: true, value: result.value };
  const stillTyping = compact.length < 11 && /^[A-Za-z]?\d*$/.test(compact);
  return { ok: false, message: stillTyping ? null : result.message.replace(/^serialNumber: /, '') };
}
