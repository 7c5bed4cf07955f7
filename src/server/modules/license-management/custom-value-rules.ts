import type { TCustomFieldType } from '../../../contracts/license-management.js';

export interface FieldDefinition {
  id: string;
  name: string;
  type: TCustomFieldType;
  choices: string[] | null;
  required: boolean;
}

/** A value as stored: canonical text, its lowercase form, and the number for number fields. */
export interface StoredValue {
  value: string;
  valueNorm: string;
  valueNumber: number | null;
}

export type ValueReading = { ok: true; stored: StoredValue | null } | { ok: false; message: string };

export const MAX_TEXT_VALUE = 500;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Reads a custom value by its field's type; `null` or blank clears it (refused for a required
 * field). The same reading serves the API, bulk edit and CSV import, where every value is text.
 */
export function readCustomValue(field: FieldDefinition, input: string | number | null): ValueReading {
  const text = input === null ? '' : String(input).trim();
  if (text === '') return field.required ? { ok: false, message: 'is required' } : { ok: true, stored: null };
  switch (field.type) {
    case 'text':
      if (text.length > MAX_TEXT_VALUE) return { ok: false, message: `is longer than ${MAX_TEXT_VALUE} characters` };
      return stored(text);
    case 'number': {
      const n = typeof input === 'number' ? input : NUMBER.test(text) ? Number(text) : NaN;
      if (!Number.isFinite(n)) return { ok: false, message: 'must be a number' };
      return { ok: true, stored: { value: String(n), valueNorm: String(n), valueNumber: n } };
    }
    case 'date':
      return isCalendarDate(text) ? stored(text) : { ok: false, message: 'must be a date, YYYY-MM-DD' };
    case 'choice': {
      const choice = field.choices?.find((c) => c.toLowerCase() === text.toLowerCase());
      return choice ? stored(choice) : { ok: false, message: `must be one of: ${(field.choices ?? []).join(', ')}` };
    }
  }
}

/** What a filter on this field compares: the stored `value_norm` of the same value, or null when it cannot match. */
export function filterValueOf(field: FieldDefinition, input: string): string | null {
  const reading = readCustomValue({ ...field, required: false }, input);
  return reading.ok && reading.stored ? reading.stored.valueNorm : null;
}

/** The stored text back in its type, as the API shows it. */
export function shownValue(type: TCustomFieldType, value: string): string | number {
  return type === 'number' ? Number(value) : value;
}

function stored(value: string): ValueReading {
  return { ok: true, stored: { value, valueNorm: value.toLowerCase(), valueNumber: null } };
}

function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
