import { create } from 'zustand';
import { client, errorMessage } from '../client.ts';
import { generateExport, download } from '../results/export-client.ts';
import type { ExportFormat } from '../results/export-format.ts';
import { columnsOf, type GridRow } from '../results/rows.ts';

const PAGE = 1000;
const SHOW_EVERY_MS = 2000;

interface ResultsState {
  runId: string | null;
  rows: GridRow[];
  columns: string[];
  loading: boolean;
  done: boolean;
  error: string | null;
  exporting: ExportFormat | null;
  /** Loads every row of a run, page by page (the grid shows them as they arrive). */
  load(runId: string): Promise<void>;
  setRows(runId: string, rows: GridRow[]): void;
  exportRows(rows: readonly GridRow[], format: ExportFormat): Promise<void>;
}

export const useResults = create<ResultsState>((set, get) => ({
  runId: null,
  rows: [],
  columns: [],
  loading: false,
  done: false,
  error: null,
  exporting: null,
  async load(runId) {
    set({ runId, rows: [], columns: [], loading: true, done: false, error: null });
    let cursor: string | undefined;
    const rows: GridRow[] = [];
    let shownAt = 0;
    let shown = 0;
    try {
      do {
        const page = await client().results.page.query({ runId, limit: PAGE, ...(cursor ? { cursor } : {}) });
        if (get().runId !== runId) return; // another run was opened meanwhile
        for (const i of page.items) rows.push({ seq: i.seq, url: i.url, tier: i.tier, fetchedAt: i.fetchedAt, data: i.data });
        cursor = page.nextCursor ?? undefined;
        // The first page at once, then an update once the rows have doubled and at least an interval has passed: each
        // update rebuilds the grid's row models (linear in the rows), so doubling keeps the total linear too.
        if (cursor && (shownAt === 0 || (rows.length >= 2 * shown && performance.now() - shownAt > SHOW_EVERY_MS))) {
          shownAt = performance.now();
          shown = rows.length;
          set({ rows: rows.slice(), columns: get().columns.length ? get().columns : columnsOf(rows) });
        }
      } while (cursor);
      set({ rows, loading: false, done: true, columns: columnsOf(rows) });
    } catch (e) {
      if (get().runId === runId) set({ loading: false, error: errorMessage(e) });
    }
  },
  setRows(runId, rows) {
    set({ runId, rows, columns: columnsOf(rows), loading: false, done: true, error: null });
  },
  async exportRows(rows, format) {
    set({ exporting: format });
    try {
      const { text } = await generateExport(rows, get().columns, format);
      download(text, format, `results-${get().runId ?? 'export'}`);
      set({ exporting: null });
    } catch (e) {
      set({ exporting: null, error: errorMessage(e) });
    }
  },
}));
