import { EXPORT_MIME, formatRows, type ExportFile, type ExportFormat } from './export-format.ts';
import type { GridRow } from './rows.ts';

/** From this many rows the file is generated in a Web Worker, so the grid keeps scrolling meanwhile. */
export const WORKER_THRESHOLD = 10_000;

export type WorkerFactory = () => Worker;

const defaultWorker: WorkerFactory = () => new Worker(new URL('./export.worker.ts', import.meta.url), { type: 'module' });

/** The export's file (text, or bytes for XLSX): in a worker from WORKER_THRESHOLD rows, else here. */
export function generateExport(rows: readonly GridRow[], columns: readonly string[], format: ExportFormat, makeWorker: WorkerFactory = defaultWorker): Promise<{ text: ExportFile; inWorker: boolean }> {
  if (rows.length < WORKER_THRESHOLD) return Promise.resolve({ text: formatRows(rows, columns, format), inWorker: false });
  return new Promise((resolve, reject) => {
    const worker = makeWorker();
    worker.onmessage = (e: MessageEvent<{ ok: boolean; text?: ExportFile; message?: string }>) => {
      worker.terminate();
      if (e.data.ok) resolve({ text: e.data.text ?? '', inWorker: true });
      else reject(new Error(`export failed: ${e.data.message}`));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(`export worker failed: ${e.message}`));
    };
    worker.postMessage({ rows, columns, format });
  });
}

/** Offers the file as a download. */
export function download(file: ExportFile, format: ExportFormat, baseName: string): void {
  const url = URL.createObjectURL(new Blob([file as BlobPart], { type: EXPORT_MIME[format] }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${baseName}.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
