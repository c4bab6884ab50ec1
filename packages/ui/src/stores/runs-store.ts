import { create } from 'zustand';
import type { RunEvent, RunProgress } from '@scrapifie/recipe';
import { client, errorMessage } from '../client.ts';
import { applyRunEvent, EMPTY_LIVE, type LiveRun } from './run-live.ts';

export interface RunItem {
  runId: string;
  name: string;
  status: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  progress: RunProgress | null;
}

interface RunsState {
  runs: RunItem[];
  live: Record<string, LiveRun>;
  loading: boolean;
  error: string | null;
  refresh(): Promise<void>;
  /** Follows a run's events until it finishes or the returned function is called. */
  follow(runId: string): () => void;
  cancel(runId: string): Promise<void>;
  /** The store's reaction to one event (exposed for the tests and the desktop's own streams). */
  onEvent(runId: string, ev: RunEvent): void;
}

export const useRuns = create<RunsState>((set, get) => ({
  runs: [],
  live: {},
  loading: false,
  error: null,
  async refresh() {
    set({ loading: true });
    try {
      const r = await client().runs.list.query({ limit: 100 });
      set({ runs: r.runs, loading: false, error: null });
    } catch (e) {
      set({ loading: false, error: errorMessage(e) });
    }
  },
  follow(runId) {
    const sub = client().runs.progress.subscribe(
      { runId },
      {
        onData: (ev) => get().onEvent(runId, ev as RunEvent),
        onError: (e) => set({ error: `Live progress of ${runId} stopped: ${errorMessage(e)}` }),
      },
    );
    return () => sub.unsubscribe();
  },
  async cancel(runId) {
    try {
      await client().runs.cancel.mutate({ runId });
      await get().refresh();
    } catch (e) {
      set({ error: errorMessage(e) });
    }
  },
  onEvent(runId, ev) {
    const live = applyRunEvent(get().live[runId] ?? EMPTY_LIVE, ev);
    set({ live: { ...get().live, [runId]: live } });
    if (ev.type === 'run.finished') {
      set({ runs: get().runs.map((r) => (r.runId === runId ? { ...r, status: ev.status, active: false, progress: ev.progress } : r)) });
    }
  },
}));
