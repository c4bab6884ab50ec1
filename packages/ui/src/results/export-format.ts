import { cellText, type GridRow } from './rows.ts';
import { xlsxWorkbook, type XlsxCell } from './xlsx.ts';

export type ExportFormat = 'csv' | 'json' | 'ndjson' | 'xlsx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json', 'ndjson', 'xlsx'];
/** A file's contents: text, or bytes for XLSX. */
export type ExportFile = string | Uint8Array;

export const EXPORT_MIME: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab/CR that hides one, or a NUL some readers skip) as a
 * formula: such cells get a leading apostrophe, so the file opens as data.
 */
export function neutraliseFormula(s: string): string {
  return /^[=+\-@\t\r\0]/.test(s) ? `'${s}` : s;
}

function csvCell(s: string): string {
  const safe = neutraliseFormula(s);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The object exported per row: the data columns in order, then url. */
function record(row: GridRow, columns: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of columns) out[c] = row.data[c] ?? null;
  out.url = row.url;
  return out;
}

/** An XLSX cell: numbers and booleans stay typed, the rest is text (inline strings are never evaluated as formulas). */
function xlsxCell(v: unknown): XlsxCell {
  return typeof v === 'number' || typeof v === 'boolean' ? v : v === null || v === undefined ? null : cellText(v);
}

/** The file of rows in a format (run in a Web Worker from 10,000 rows; see export-client). */
export function formatRows(rows: readonly GridRow[], columns: readonly string[], format: 'csv' | 'json' | 'ndjson'): string;
export function formatRows(rows: readonly GridRow[], columns: readonly string[], format: ExportFormat): ExportFile;
export function formatRows(rows: readonly GridRow[], columns: readonly string[], format: ExportFormat): ExportFile {
  if (format === 'xlsx') return xlsxWorkbook([...columns, 'url'], rows.map((r) => [...columns.map((c) => xlsxCell(r.data[c])), r.url]));
  if (format === 'json') return JSON.stringify(rows.map((r) => record(r, columns)), null, 2);
  if (format === 'ndjson') return rows.map((r) => JSON.stringify(record(r, columns))).join('\n') + (rows.length ? '\n' : '');
  const head = [...columns, 'url'].map(csvCell).join(',');
  const lines = [head];
  const cell = (v: unknown): string => (typeof v === 'number' ? String(v) : csvCell(cellText(v))); // a number is never a formula
  for (const r of rows) lines.push([...columns.map((c) => cell(r.data[c])), csvCell(r.url)].join(','));
  return lines.join('\r\n') + '\r\n';
}
