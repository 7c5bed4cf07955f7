import { compactTypedInput, groupChars, mapConfusion, crockfordValue } from '../../../domain/identifiers/crockford.js';

/**
 * How a free-text query is searched. Every term is a prefix of an indexed column, so a search
 * reads a few index ranges however many licenses the account holds; product names are matched
 * anywhere (the catalog is small) and become a list of product ids.
 */
export interface SearchTerms {
  /** The query lowercased: matched against product names, SKUs and lines. */
  text: string;
  /** Start of a license key in its stored form (`7QK2M-ZD4…`), when the query can be one. */
  keyPrefix: string | null;
  /** Start of a product serial number (`S348…`), when the query can be one. */
  serialPrefix: string | null;
  /** Start of a host ID, as typed. */
  hostPrefix: string | null;
  /** Start of a custom value, lowercased. */
  valuePrefix: string | null;
}

/** Shorter prefixes match too much of a large account to be worth an index range. */
const MIN_KEY_CHARS = 4;
const MIN_SERIAL_CHARS = 4;
const MIN_TEXT_CHARS = 2;

export function searchTermsOf(q: string): SearchTerms {
  const trimmed = q.trim();
  return {
    text: trimmed.toLowerCase(),
    keyPrefix: keyPrefixOf(trimmed),
    serialPrefix: serialPrefixOf(trimmed),
    hostPrefix: trimmed.length >= MIN_TEXT_CHARS ? trimmed : null,
    valuePrefix: trimmed.length >= MIN_TEXT_CHARS ? trimmed.toLowerCase() : null,
  };
}

/** Typed key characters, read as Crockford (case, dashes, I/L/O do not matter), regrouped by five. */
function keyPrefixOf(q: string): string | null {
  let body = '';
  for (const { char } of compactTypedInput(q)) {
    const c = mapConfusion(char);
    if (crockfordValue(c) < 0) return null;
    body += c;
  }
  if (body.length < MIN_KEY_CHARS || body.length > 25) return null;
  // Regrouped as stored, so `7qk2mzd` finds `7QK2M-ZD…`.
  return groupChars(body, 5);
}

function serialPrefixOf(q: string): string | null {
  const compact = compactTypedInput(q).map((t) => t.char).join('');
  if (!/^S[0-9OIL]*$/.test(compact) || compact.length < MIN_SERIAL_CHARS || compact.length > 11) return null;
  return 'S' + compact.slice(1).replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** The upper bound of a prefix range: every string starting with `prefix` sorts below it. */
export function prefixEnd(prefix: string): string {
  return `${prefix}\uffff`;
}
