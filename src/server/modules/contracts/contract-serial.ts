import { parseSerialNumber } from '../../../domain/identifiers/index.js';
import { fieldError } from '../../http/app-error.js';

/** A typed maintenance contract serial (`M…`) in its canonical form; a typo answers 400 naming the field. */
export function readContractSerial(typed: string, field = 'serialNumber'): string {
  const parsed = parseSerialNumber(typed, { field, kinds: ['M'] });
  if (!parsed.ok) throw fieldError(parsed.field, parsed.message.slice(parsed.field.length + 2));
  return parsed.value;
}
