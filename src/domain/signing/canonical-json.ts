/**
 * RFC 8785 JSON Canonicalization Scheme: the exact bytes a license or contract file signs.
 *
 * - object keys sorted by their UTF-16 code units (JavaScript's default string order), no whitespace;
 * - numbers in ECMAScript's shortest round-trip form (`1e+21`, `1e-7`, `-0` → `0`), which is
 *   what `JSON.stringify` gives for a finite number;
 * - strings escaped as `JSON.stringify` does (`\n`, `\"`, `\\`, other controls as `\u00xx`).
 *
 * What JSON cannot say faithfully is refused rather than guessed, because a signer and a
 * verifier that guessed differently would disagree on the bytes: non-finite numbers, `undefined`,
 * functions, symbols, bigints, strings with lone surrogates (not valid UTF-8), class instances
 * such as `Date` (serialize them first), sparse arrays and cycles. These are programming faults,
 * so they throw a `TypeError` naming the path.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function fail(path: string, why: string): never {
  throw new TypeError(`canonical JSON: ${path} ${why}`);
}

function serializeString(value: string, path: string): string {
  // With the `u` flag a surrogate pair is one code point outside the range; only lone halves match.
  if (LONE_SURROGATE.test(value)) fail(path, 'contains a lone surrogate (not valid Unicode)');
  return JSON.stringify(value);
}

function serialize(value: unknown, path: string, open: Set<object>): string {
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) fail(path, `is ${value}, which JSON cannot represent`);
      return JSON.stringify(value);
    case 'string':
      return serializeString(value, path);
    case 'object':
      if (value === null) return 'null';
      return serializeContainer(value, path, open);
    default:
      return fail(path, `is ${typeof value}, which JSON cannot represent`);
  }
}

function serializeContainer(value: object, path: string, open: Set<object>): string {
  if (open.has(value)) fail(path, 'is a cycle');
  open.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) fail(`${path}[${i}]`, 'is a hole in a sparse array');
        items.push(serialize(value[i], `${path}[${i}]`, open));
      }
      return `[${items.join(',')}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null)
      fail(path, 'is not a plain object (serialize it first)');
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is exactly the order RFC 8785 asks for.
    const members = Object.keys(record)
      .sort()
      .map((key) => `${serializeString(key, path)}:${serialize(record[key], `${path}.${key}`, open)}`);
    return `{${members.join(',')}}`;
  } finally {
    open.delete(value);
  }
}

/** The canonical JSON text of `value` (RFC 8785). */
export function canonicalize(value: unknown): string {
  return serialize(value, '$', new Set());
}

/** The canonical UTF-8 bytes of `value`: what gets signed and verified. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalize(value), 'utf8');
}
