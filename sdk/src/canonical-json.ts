/**
 * RFC 8785 (JSON Canonicalization Scheme): the bytes a license file's signature covers.
 * Kept inside the SDK, which ships alone; a test proves it writes the same bytes as the portal.
 *
 * Keys are ordered by UTF-16 code units (what `Array.prototype.sort` does by default), numbers
 * and strings are written as `JSON.stringify` writes them (ECMAScript shortest number form,
 * `-0` as `0`), nothing else is emitted. Values JSON cannot carry faithfully throw a TypeError.
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, parts, []);
  return parts.join('');
}

function refuse(what: string): never {
  throw new TypeError(`canonical JSON: cannot serialize ${what}`);
}

function writeString(text: string, parts: string[]): void {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      refuse('a string with a lone surrogate');
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) refuse('a string with a lone surrogate');
  }
  parts.push(JSON.stringify(text));
}

function write(value: unknown, parts: string[], ancestors: object[]): void {
  if (value === null) {
    parts.push('null');
  } else if (typeof value === 'boolean') {
    parts.push(String(value));
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) refuse(String(value));
    parts.push(JSON.stringify(value));
  } else if (typeof value === 'string') {
    writeString(value, parts);
  } else if (typeof value === 'object') {
    if (ancestors.includes(value)) refuse('a cycle');
    ancestors.push(value);
    if (Array.isArray(value)) writeArray(value, parts, ancestors);
    else writeObject(value, parts, ancestors);
    ancestors.pop();
  } else {
    refuse(typeof value);
  }
}

function writeArray(items: unknown[], parts: string[], ancestors: object[]): void {
  parts.push('[');
  for (let i = 0; i < items.length; i++) {
    if (!Object.prototype.hasOwnProperty.call(items, i)) refuse('a sparse array');
    if (i > 0) parts.push(',');
    write(items[i], parts, ancestors);
  }
  parts.push(']');
}

function writeObject(object: object, parts: string[], ancestors: object[]): void {
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) refuse('an object that is not plain JSON');
  const record = object as Record<string, unknown>;
  parts.push('{');
  Object.keys(record)
    .sort()
    .forEach((key, index) => {
      if (index > 0) parts.push(',');
      writeString(key, parts);
      parts.push(':');
      write(record[key], parts, ancestors);
    });
  parts.push('}');
}
