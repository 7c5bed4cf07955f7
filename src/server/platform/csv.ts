import { stringify } from 'csv-stringify/sync';

/**
 * A cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage
 * return before one) gets a leading apostrophe, so an exported name can never run as code.
 */
export function neutralizeCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180 CSV with a header row, CRLF line ends, every text cell neutralized. */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return stringify([header, ...rows.map((row) => row.map(neutralizeCell))], { record_delimiter: 'windows' });
}
