/** First characters a spreadsheet reads as a formula: `= + - @`, tab and carriage return. */
const FORMULA_START = new Set([61, 43, 45, 64, 9, 13]);
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * CSV cells for files a person opens in a spreadsheet. A cell that would be read as a formula
 * gets a leading `'`, which spreadsheets show as text. A cell holding a quote, comma or line
 * break is quoted, quotes doubled (RFC 4180). The export's query applies the same rule in SQL
 * (`csvText`, license-export.repository.ts): the two change together.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (text.length > 0 && FORMULA_START.has(text.charCodeAt(0))) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
