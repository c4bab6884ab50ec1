import { formatRows, type ExportFormat } from './export-format.ts';
import type { GridRow } from './rows.ts';

/** The export off the main thread: rows in, file text out. */
export interface ExportJob {
  rows: GridRow[];
  columns: string[];
  format: ExportFormat;
}

const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<ExportJob>) => void) | null; postMessage(m: unknown): void };
scope.onmessage = (e) => {
  try {
    scope.postMessage({ ok: true, text: formatRows(e.data.rows, e.data.columns, e.data.format) });
  } catch (err) {
    scope.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
