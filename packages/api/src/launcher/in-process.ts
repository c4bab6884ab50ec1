import { randomUUID } from 'node:crypto';
import { runCrawl, silentLogger, systemClock, type Clock, type CrawlStore, type Fetcher, type Logger } from '@scrapifie/engine';
import { ScrapifieError, type RunEvent, type RunProgress } from '@scrapifie/recipe';
import { ApiError } from '../errors.ts';
import { subscribeTo, untilDoneOrAborted, type PushStream } from './event-stream.ts';
import { RunJournal } from './journal.ts';
import type { LoggedEvent, RunLauncher, StartRunRequest } from './types.ts';

export interface InProcessLauncherOptions {
  store: CrawlStore;
  fetchers: { http: Fetcher; browser?: Fetcher | undefined };
  clock?: Clock | undefined;
  logger?: Logger | undefined;
  /** Runs active at once; more are refused with QUEUE_FULL. Default 500 (the seed's max queue depth). */
  maxActiveRuns?: number | undefined;
  /** Worker threads per run for page evaluation (runCrawl's evaluatorThreads). Default 0. */
  evaluatorThreads?: number | undefined;
}

interface ActiveRun {
  controller: AbortController;
  subscribers: Set<PushStream<RunEvent>>;
  progress: RunProgress | null;
  done: Promise<void>;
}

const NO_PROGRESS: RunProgress = {
  pagesDone: 0, pagesFailed: 0, pagesQueued: 0, pagesInFlight: 0, items: 0, bytes: 0, elapsedMs: 0, pagesPerSecond: 0, etaMs: null,
  byTier: { http: 0, browser: 0, stealth: 0 },
};

/** Runs crawls on this process with runCrawl: the desktop's and the single-node server's launcher. */
export class InProcessRunLauncher implements RunLauncher {
  readonly #o: InProcessLauncherOptions;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #active = new Map<string, ActiveRun>();
  readonly #journal = new RunJournal();
  #closed = false;

  constructor(opts: InProcessLauncherOptions) {
    this.#o = opts;
    this.#clock = opts.clock ?? systemClock;
    this.#logger = opts.logger ?? silentLogger;
  }

  async start(req: StartRunRequest): Promise<{ runId: string }> {
    if (this.#closed) throw new ScrapifieError('CANCELLED', 'The server is shutting down: no new runs start');
    const max = this.#o.maxActiveRuns ?? 500;
    if (this.#active.size >= max) throw new ApiError('QUEUE_FULL', `${this.#active.size} runs are active, the most this server runs at once is ${max}: try again later`, { retryAfterSeconds: 10 });
    const runId = randomUUID();
    const active: ActiveRun = { controller: new AbortController(), subscribers: new Set(), progress: null, done: Promise.resolve() };
    this.#active.set(runId, active);
    let startedOk = false;
    let markStarted!: () => void;
    const started = new Promise<void>((resolve) => {
      markStarted = resolve;
    });
    const onEvent = (e: RunEvent): void => {
      this.#journal.record(runId, e, new Date(this.#clock.now()));
      if (e.type === 'progress' || e.type === 'run.finished') active.progress = e.progress;
      if (e.type === 'run.started') {
        startedOk = true;
        markStarted();
      }
      for (const s of active.subscribers) s.push(e);
    };
    const crawl = runCrawl({
      recipe: req.recipe,
      runId,
      store: this.#o.store,
      fetchers: this.#o.fetchers,
      concurrency: req.concurrency,
      inputRows: req.inputRows,
      evaluate: req.evaluate,
      proxies: req.proxies,
      evaluatorThreads: req.evaluate ? undefined : this.#o.evaluatorThreads,
      logger: this.#logger,
      clock: this.#clock,
      onEvent,
      signal: active.controller.signal,
    });
    active.done = crawl.then(
      () => undefined,
      (err: unknown) => {
        if (!startedOk) return; // reported to the caller of start()
        this.#logger.error('run crashed', { runId, error: err instanceof Error ? err.message : String(err) });
        onEvent({ type: 'run.finished', runId, status: 'failed', progress: active.progress ?? NO_PROGRESS });
      },
    ).finally(() => {
      this.#active.delete(runId);
      for (const s of active.subscribers) s.end();
      active.subscribers.clear();
    });
    const first = await Promise.race([started.then(() => 'started' as const), crawl.then(() => 'finished' as const, (err: unknown) => ({ err }))]);
    if (typeof first === 'object') {
      await active.done;
      throw first.err;
    }
    return { runId };
  }

  async cancel(runId: string): Promise<boolean> {
    const active = this.#active.get(runId);
    if (!active) return false;
    active.controller.abort();
    return true;
  }

  isActive(runId: string): boolean {
    return this.#active.has(runId);
  }

  progress(runId: string): RunProgress | null {
    return this.#active.get(runId)?.progress ?? null;
  }

  subscribe(runId: string, signal?: AbortSignal): AsyncIterable<RunEvent> {
    return subscribeTo(this.#active.get(runId)?.subscribers ?? null, signal);
  }

  recentEvents(runId: string, limit: number): LoggedEvent[] {
    return this.#journal.recent(runId, limit);
  }

  async waitUntilDone(runId: string, signal?: AbortSignal): Promise<void> {
    const active = this.#active.get(runId);
    if (active) await untilDoneOrAborted(active.done, signal);
  }

  async close(): Promise<void> {
    this.#closed = true;
    const runs = [...this.#active.values()];
    for (const r of runs) r.controller.abort();
    await Promise.all(runs.map((r) => r.done));
  }
}

export function createInProcessLauncher(opts: InProcessLauncherOptions): InProcessRunLauncher {
  return new InProcessRunLauncher(opts);
}
