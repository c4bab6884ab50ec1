import { finalizeRun, QueueFullError, silentLogger, systemClock, type Clock, type CrawlStore, type Logger, type SubmitRunInput } from '@scrapifie/engine';
import { ScrapifieError, type Recipe, type RunEvent, type RunProgress, type RunStatus } from '@scrapifie/recipe';
import { ApiError } from '../errors.ts';
import { subscribeTo, untilDoneOrAborted, type PushStream } from './event-stream.ts';
import { RunJournal } from './journal.ts';
import type { LoggedEvent, RunLauncher, StartRunRequest } from './types.ts';

/** What the launcher needs of the cluster: submit and cancel (the engine's ClusterExecutor). */
export interface ClusterSubmitter {
  submit(input: SubmitRunInput): Promise<string>;
  cancel(runId: string): Promise<boolean>;
}

export interface ClusterLauncherOptions {
  /** The team server's record (Postgres): runs, their frontier and rows, written by every worker. */
  store: CrawlStore;
  executor: ClusterSubmitter;
  /**
   * Requests that bring their own page evaluator (the one-off scrape captures the page's content) cannot travel to
   * a worker: this node crawls them with this launcher. Without it such requests are refused.
   */
  local?: RunLauncher | undefined;
  /** How often the runs watched here are read from the store. Default 500 ms. */
  pollMs?: number | undefined;
  clock?: Clock | undefined;
  logger?: Logger | undefined;
}

interface Watched {
  status: RunStatus | null;
  progress: RunProgress | null;
  subscribers: Set<PushStream<RunEvent>>;
  done: Promise<void>;
  finish: () => void;
}

const FINAL: ReadonlySet<RunStatus> = new Set(['completed', 'partially_completed', 'failed', 'cancelled']);

function withConcurrency(recipe: Recipe, concurrency: number | undefined): Recipe {
  return concurrency === undefined ? recipe : { ...recipe, politeness: { ...recipe.politeness, maxConcurrency: concurrency } };
}

/**
 * Runs recipes on the team server's workers: start submits the run to the queue (BullMQ) and the record (Postgres);
 * this API node follows the runs it was asked about by reading the record, so progress, subscriptions and waits work
 * whichever worker crawls the pages, and after an API restart.
 */
export class ClusterRunLauncher implements RunLauncher {
  readonly #o: ClusterLauncherOptions;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #watched = new Map<string, Watched>();
  readonly #journal = new RunJournal();
  readonly #local = new Set<string>();
  #timer: NodeJS.Timeout | null = null;
  #polling = false;
  #closed = false;

  constructor(o: ClusterLauncherOptions) {
    this.#o = o;
    this.#clock = o.clock ?? systemClock;
    this.#logger = o.logger ?? silentLogger;
  }

  async start(req: StartRunRequest): Promise<{ runId: string }> {
    if (this.#closed) throw new ScrapifieError('CANCELLED', 'The server is shutting down: no new runs start');
    if (req.evaluate) {
      if (!this.#o.local) throw new ApiError('NOT_CONFIGURED', 'This API node has no local fetchers for a one-off scrape: start it with a worker tier');
      const started = await this.#o.local.start(req);
      this.#local.add(started.runId);
      return started;
    }
    let runId: string;
    try {
      runId = await this.#o.executor.submit({ recipe: withConcurrency(req.recipe, req.concurrency), inputRows: req.inputRows });
    } catch (e) {
      if (e instanceof QueueFullError) throw new ApiError('QUEUE_FULL', e.message, { retryAfterSeconds: 10 });
      throw e;
    }
    const w = this.#watch(runId);
    w.status = 'queued';
    this.#emit(runId, w, { type: 'run.started', runId, recipeName: req.recipe.name, resumed: false, robotsTxt: req.recipe.politeness.respectRobotsTxt ? 'respected' : 'ignored' });
    return { runId };
  }

  async cancel(runId: string): Promise<boolean> {
    if (this.#local.has(runId)) return this.#o.local!.cancel(runId);
    try {
      const cancelled = await this.#o.executor.cancel(runId);
      if (cancelled) await this.#pollOnce();
      return cancelled;
    } catch (e) {
      if (e instanceof ScrapifieError && e.code === 'NOT_FOUND') return false;
      throw e;
    }
  }

  isActive(runId: string): boolean {
    if (this.#local.has(runId)) return this.#o.local!.isActive(runId);
    const w = this.#watched.get(runId);
    return w !== undefined && (w.status === null || !FINAL.has(w.status));
  }

  progress(runId: string): RunProgress | null {
    if (this.#local.has(runId)) return this.#o.local!.progress(runId);
    return this.isActive(runId) ? (this.#watched.get(runId)?.progress ?? null) : null;
  }

  subscribe(runId: string, signal?: AbortSignal): AsyncIterable<RunEvent> {
    if (this.#local.has(runId)) return this.#o.local!.subscribe(runId, signal);
    const w = this.#watched.get(runId) ?? this.#watch(runId);
    return subscribeTo(w.status !== null && FINAL.has(w.status) ? null : w.subscribers, signal);
  }

  recentEvents(runId: string, limit: number): LoggedEvent[] {
    return this.#local.has(runId) ? this.#o.local!.recentEvents(runId, limit) : this.#journal.recent(runId, limit);
  }

  async waitUntilDone(runId: string, signal?: AbortSignal): Promise<void> {
    if (this.#local.has(runId)) return this.#o.local!.waitUntilDone(runId, signal);
    if (signal?.aborted) return;
    await untilDoneOrAborted((this.#watched.get(runId) ?? this.#watch(runId)).done, signal);
  }

  /** Stops following runs (the runs themselves go on on the workers) and closes the local launcher. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    for (const [, w] of this.#watched) this.#end(w);
    this.#watched.clear();
    await this.#o.local?.close();
  }

  #watch(runId: string): Watched {
    let finish!: () => void;
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const w: Watched = { status: null, progress: null, subscribers: new Set(), done, finish };
    this.#watched.set(runId, w);
    if (!this.#timer && !this.#closed) {
      this.#timer = setInterval(() => void this.#pollOnce(), this.#o.pollMs ?? 500);
      this.#timer.unref();
    }
    queueMicrotask(() => void this.#pollOnce());
    return w;
  }

  #emit(runId: string, w: Watched, e: RunEvent): void {
    this.#journal.record(runId, e, new Date(this.#clock.now()));
    for (const s of w.subscribers) s.push(e);
  }

  #end(w: Watched): void {
    for (const s of w.subscribers) s.end();
    w.subscribers.clear();
    w.finish();
  }

  /** Reads every followed run once: progress ticks while it runs, run.finished (and the end of its streams) when it ends. */
  async #pollOnce(): Promise<void> {
    if (this.#polling || this.#closed) return;
    this.#polling = true;
    try {
      for (const [runId, w] of [...this.#watched]) {
        const run = await this.#o.store.getRun(runId);
        if (!run) {
          // Not (yet) in this store: an id nobody submitted ends at once, as the in-process launcher's do.
          if (w.status === null) {
            this.#watched.delete(runId);
            this.#end(w);
          }
          continue;
        }
        w.status = run.status;
        if (FINAL.has(run.status)) {
          const progress = run.summary?.progress ?? (await finalizeRun.progressOf(this.#o.store, runId, run.createdAt, this.#clock.now()));
          w.progress = progress;
          this.#emit(runId, w, { type: 'run.finished', runId, status: run.status, progress });
          this.#watched.delete(runId);
          this.#end(w);
          continue;
        }
        w.progress = await finalizeRun.progressOf(this.#o.store, runId, run.createdAt, this.#clock.now());
        this.#emit(runId, w, { type: 'progress', runId, progress: w.progress });
      }
    } catch (e) {
      this.#logger.warn('could not read run progress from the store', { error: e instanceof Error ? e.message : String(e) });
    } finally {
      this.#polling = false;
      if (this.#watched.size === 0 && this.#timer) {
        clearInterval(this.#timer);
        this.#timer = null;
      }
    }
  }
}
