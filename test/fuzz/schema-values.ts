/**
 * Values from JSON Schema (as the OpenAPI document publishes it): mostly valid ones, and on
 * purpose wrong ones — another type, a missing field, extremes, odd text — to shake the API.
 */
export type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  default?: unknown;
};

export class Random {
  constructor(private seed: number) {}
  next(): number {
    // mulberry32: small, fast and repeatable for a given seed
    let t = (this.seed += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const ODD_STRINGS = ['', ' ', 'null', '0', '-1', '1e309', '../../etc/passwd', '<script>alert(1)</script>', "' or 1=1 --", '%00', '\u0000', '😀'.repeat(50), 'x'.repeat(5000), 'M3482915673', 'V-7K2M-Q9ZD-4HXA-0P39', '7QK2M-ZD4HX-A0P3R-W8N6T-JB5CN', 'N0000012340', '=cmd|calc', '2027-02-30', '9999-12-31T23:59:59.999Z'];
const ODD_VALUES: unknown[] = [null, true, false, 0, -1, 2 ** 53, -(2 ** 31), 1.5, Number.MAX_SAFE_INTEGER, [], {}, [null], { __proto__: { x: 1 } }, 'string'];

export function validValue(schema: Schema | undefined, r: Random, depth = 0): unknown {
  if (!schema) return r.pick(ODD_VALUES);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return r.pick(schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return validValue(r.pick(options), r, depth);
  if (schema.allOf?.length) return validValue(Object.assign({}, ...schema.allOf), r, depth);
  const type = Array.isArray(schema.type) ? r.pick(schema.type) : schema.type;
  switch (type) {
    case 'string':
      return validString(schema, r);
    case 'integer':
      return r.int(Math.max(schema.minimum ?? 0, -1000), Math.min(schema.maximum ?? 1000, 1000));
    case 'number':
      return (schema.minimum ?? 0) + r.next() * 100;
    case 'boolean':
      return r.chance(0.5);
    case 'null':
      return null;
    case 'array': {
      if (depth > 3) return [];
      const n = r.int(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3));
      return Array.from({ length: n }, () => validValue(schema.items, r, depth + 1));
    }
    case 'object':
    default: {
      if (depth > 4 || !schema.properties) return {};
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(schema.properties)) {
        if (schema.required?.includes(name) || r.chance(0.5)) out[name] = validValue(prop, r, depth + 1);
      }
      return out;
    }
  }
}

function validString(schema: Schema, r: Random): string {
  switch (schema.format) {
    case 'email':
      return `fuzz${r.int(0, 9999)}@example.test`;
    case 'date':
      return `2027-0${r.int(1, 9)}-1${r.int(0, 9)}`;
    case 'date-time':
      return `2027-0${r.int(1, 9)}-1${r.int(0, 9)}T10:00:00.000Z`;
    case 'uri':
      return 'http://127.0.0.1:9/hook';
  }
  const min = schema.minLength ?? 1;
  const max = Math.min(schema.maxLength ?? 20, 40);
  const length = r.int(Math.max(min, 1), Math.max(min, max));
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length }, () => r.pick([...alphabet])).join('');
}

/** A value that breaks the schema somewhere: another type, a missing field, an odd value. */
export function invalidValue(schema: Schema | undefined, r: Random): unknown {
  const base = validValue(schema, r);
  if (base && typeof base === 'object' && !Array.isArray(base) && r.chance(0.7)) {
    const copy = { ...(base as Record<string, unknown>) };
    const keys = Object.keys(schema?.properties ?? copy);
    if (keys.length === 0) return r.pick(ODD_VALUES);
    const key = r.pick(keys);
    switch (r.int(0, 3)) {
      case 0:
        delete copy[key];
        break;
      case 1:
        copy[key] = r.pick(ODD_VALUES);
        break;
      case 2:
        copy[key] = r.pick(ODD_STRINGS);
        break;
      default:
        copy[`extra_${r.int(0, 99)}`] = r.pick(ODD_VALUES);
    }
    return copy;
  }
  return r.chance(0.5) ? r.pick(ODD_VALUES) : r.pick(ODD_STRINGS);
}

export function oddString(r: Random): string {
  return r.pick(ODD_STRINGS);
}
