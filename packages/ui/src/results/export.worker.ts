import { formatRows, type ExportFormat } from './export-format.ts';
import type { GridRow } from './rows.ts';

/** The export off the main thread: rows in, file text out. */
export interface ExportJob {
  rows: GridRow[];
  columns: string[];
  format: ExportFormat;
}

const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<ExportJob>) => void) | null; postMessage(m: unknown, transfer?: Transferable[]): void };
scope.onmessage = (e) => {
  try {
    const file = formatRows(e.data.rows, e.data.columns, e.data.format);
    // XLSX bytes move to the page without a copy.
    scope.postMessage({ ok: true, text: file }, typeof file === 'string' ? [] : [file.buffer as ArrayBuffer]);
  } catch (err) {
    scope.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
