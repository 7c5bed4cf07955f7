import { parseLicenseKey } from '../../../domain/identifiers/index.js';
import { fieldError } from '../../http/app-error.js';

/** A typed or stored license key in its canonical form; a typo answers 400 naming the field and the fault. */
export function readLicenseKey(input: string): string {
  const parsed = parseLicenseKey(input);
  if (!parsed.ok) throw fieldError(parsed.field, parsed.message.slice(parsed.field.length + 2));
  return parsed.value;
}
