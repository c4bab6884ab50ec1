import { once } from 'node:events';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { CrawlStore, StoredResult } from '@scrapifie/engine';

export const EXPORT_FORMATS = ['csv', 'json', 'ndjson', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Excel refuses longer cell texts. */
const XLSX_MAX_CELL = 32_767;
const PAGE = 1000;

/** A cell for CSV: objects as JSON. Formula prefixes (=, +, -, @, tab, CR) are escaped by csv-stringify; a leading NUL here. */
export function csvCell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.startsWith('\0') ? `'${s}` : s;
}

/** A cell for XLSX: numbers and booleans stay typed, the rest is text (exceljs writes strings as text, never formulas). */
function xlsxCell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > XLSX_MAX_CELL ? `${s.slice(0, XLSX_MAX_CELL - 1)}…` : s;
}

async function* storedRows(store: CrawlStore, runId: string): AsyncGenerator<StoredResult> {
  let afterSeq: number | undefined;
  for (;;) {
    const page = await store.results(runId, { afterSeq, limit: PAGE });
    if (page.length === 0) return;
    yield* page;
    afterSeq = page[page.length - 1]!.seq;
  }
}

async function write(out: Writable, chunk: string | Uint8Array): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** A streaming sink for rows in one format: nothing is held beyond the current row. */
export interface RowWriter {
  write(row: Record<string, unknown>): Promise<void>;
  /** Finishes the file. Ends `out` only for XLSX (its writer does); the caller ends the others. */
  close(): Promise<void>;
}

function jsonWriter(format: 'json' | 'ndjson', out: Writable): RowWriter {
  let n = 0;
  return {
    async write(row) {
      const line = JSON.stringify(row);
      await write(out, format === 'ndjson' ? `${line}\n` : `${n === 0 ? '[\n' : ',\n'}${line}`);
      n++;
    },
    async close() {
      if (format === 'json') await write(out, n === 0 ? '[]\n' : '\n]\n');
    },
  };
}

function csvWriter(columns: string[], out: Writable): RowWriter {
  const csv = stringify({ header: true, columns, escape_formulas: true, record_delimiter: 'windows', quoted_match: /^\s|\s$/ });
  csv.pipe(out, { end: false });
  return {
    async write(row) {
      const record: Record<string, unknown> = {};
      for (const c of columns) record[c] = csvCell(row[c]);
      if (!csv.write(record)) await once(csv, 'drain');
    },
    async close() {
      const done = once(csv, 'end');
      csv.end();
      await done;
    },
  };
}

async function xlsxWriter(columns: string[], out: Writable): Promise<RowWriter> {
  const { default: ExcelJS } = await import('exceljs'); // large: loaded on the first XLSX export only
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('results');
  sheet.columns = columns.map((c) => ({ header: c, key: c }));
  return {
    async write(row) {
      const record: Record<string, unknown> = {};
      for (const c of columns) record[c] = xlsxCell(row[c]);
      sheet.addRow(record).commit();
    },
    async close() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

/** The one writer of result files (the API's export route, the results procedure and the CLI's --out all use it). */
export async function createRowWriter(format: ExportFormat, columns: string[], out: Writable): Promise<RowWriter> {
  if (format === 'csv') return csvWriter(columns, out);
  if (format === 'xlsx') return xlsxWriter(columns, out);
  return jsonWriter(format, out);
}

/**
 * Writes every row of a run to `out` in the format, streamed page by page from the store (nothing but
 * the current page is held in memory). Does not end `out`, except for XLSX, whose writer ends it. Returns the row count.
 */
export async function writeExport(store: CrawlStore, runId: string, format: ExportFormat, columns: string[], out: Writable): Promise<number> {
  const writer = await createRowWriter(format, columns, out);
  let n = 0;
  for await (const r of storedRows(store, runId)) {
    await writer.write(r.data);
    n++;
  }
  await writer.close();
  return n;
}

/** The export as a readable stream (ended when the last row is written; destroyed with the error on failure). */
export function exportStream(store: CrawlStore, runId: string, format: ExportFormat, columns: string[]): Readable {
  const out = new PassThrough();
  writeExport(store, runId, format, columns, out).then(
    () => {
      if (!out.writableEnded) out.end();
    },
    (err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))),
  );
  return out;
}
