// CSV as RFC 4180 says (CRLF line ends; fields with a comma, quote or line break are quoted and
// quotes doubled), with a UTF-8 byte-order mark so Excel on Chinese Windows reads UTF-8, not GBK.

export type CsvCell = string | number | null | undefined;

export const UTF8_BOM = '\uFEFF';

/** Cells Excel would run as a formula (=, +, -, @, tab, CR) get a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[], options: { bom?: boolean } = {}): string {
  const body = rows.map((row) => row.map(csvField).join(',')).join('\r\n');
  return ((options.bom ?? true) ? UTF8_BOM : '') + body + (rows.length > 0 ? '\r\n' : '');
}
