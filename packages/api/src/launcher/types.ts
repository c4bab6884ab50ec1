import type { InputRow, PageEvaluator, ProxyProvider } from '@scrapifie/engine';
import type { Recipe, RunEvent, RunProgress } from '@scrapifie/recipe';

export interface StartRunRequest {
  recipe: Recipe;
  /** start.input rows (the API never reads files on the server: rows come with the request). */
  inputRows?: readonly InputRow[] | undefined;
  /** Overrides recipe.politeness.maxConcurrency. */
  concurrency?: number | undefined;
  /** The page evaluator (default: the engine's static evaluator). The one-off scrape uses one that also captures the page's content. */
  evaluate?: PageEvaluator | undefined;
  /** The proxies the run's fetch.proxy tiers climb (the workspace's pool); without it, direct connections only. */
  proxies?: ProxyProvider | undefined;
}

/** A run event with the time it was seen, as runs.logs returns it. */
export interface LoggedEvent {
  /** ISO 8601. */
  at: string;
  event: RunEvent;
}

/**
 * Starts and cancels runs and reports on the ones in flight. In-process for now (runCrawl on this
 * process); the queue-based launcher of the team server implements the same interface.
 */
export interface RunLauncher {
  /** Creates the run in the store and starts crawling it; resolves with its id once the run exists. Bad input rejects here. */
  start(req: StartRunRequest): Promise<{ runId: string }>;
  /** Stops a run: nothing new starts, fetches in flight finish, the run ends "cancelled". False when the run is not active here. */
  cancel(runId: string): Promise<boolean>;
  isActive(runId: string): boolean;
  /** The latest progress of an active run, or null. */
  progress(runId: string): RunProgress | null;
  /** The run's events from now on, ending after run.finished (at once when the run is not active). Aborting the signal ends it. */
  subscribe(runId: string, signal?: AbortSignal): AsyncIterable<RunEvent>;
  /** The run's recent events, oldest first (kept in memory for recent runs; progress ticks excluded). */
  recentEvents(runId: string, limit: number): LoggedEvent[];
  /** Resolves when the run is no longer active here (at once if it is not), or when the signal aborts. */
  waitUntilDone(runId: string, signal?: AbortSignal): Promise<void>;
  /** Cancels every active run and waits for them to stop. */
  close(): Promise<void>;
}
