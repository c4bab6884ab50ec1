import type { RunEvent } from '@scrapifie/recipe';
import type { LoggedEvent } from './types.ts';

/** Recent events of recent runs, in memory: what runs.logs shows. Bounded per run and in the number of runs kept. */
export class RunJournal {
  readonly #runs = new Map<string, LoggedEvent[]>();
  readonly #perRun: number;
  readonly #maxRuns: number;

  constructor(opts: { perRun?: number; maxRuns?: number } = {}) {
    this.#perRun = opts.perRun ?? 1000;
    this.#maxRuns = opts.maxRuns ?? 200;
  }

  record(runId: string, event: RunEvent, at: Date): void {
    if (event.type === 'progress') return;
    let entries = this.#runs.get(runId);
    if (!entries) {
      entries = [];
      this.#runs.set(runId, entries);
      if (this.#runs.size > this.#maxRuns) {
        const oldest = this.#runs.keys().next().value;
        if (oldest !== undefined) this.#runs.delete(oldest);
      }
    }
    entries.push({ at: at.toISOString(), event });
    if (entries.length > this.#perRun) entries.splice(0, entries.length - this.#perRun);
  }

  recent(runId: string, limit: number): LoggedEvent[] {
    const entries = this.#runs.get(runId) ?? [];
    return entries.slice(Math.max(0, entries.length - limit));
  }
}
