import { randomUUID } from 'node:crypto';
import { ApiError, type LoggedEvent, type RunLauncher, type StartRunRequest } from '@scrapifie/api';
import { silentLogger, type Logger } from '@scrapifie/engine';
import { ScrapifieError, type Recipe, type RunEvent, type RunProgress, type RunStatus } from '@scrapifie/recipe';
import { EventQueue } from './event-queue.ts';
import type { SpawnWorker, WorkerCredentials, WorkerHandle, WorkerStartMessage } from './protocol.ts';

export interface WorkerLauncherOptions {
  /** The SQLite file every worker crawls into (the desktop's database in the user-data folder). */
  dbPath: string;
  spawn: SpawnWorker;
  /** Runs that need a function the worker cannot receive (a custom page evaluator: the one-off scrape) run here. */
  inProcess?: RunLauncher | undefined;
  /** Marks a run whose worker died without finishing it (the run stays resumable). */
  markInterrupted?: ((runId: string, status: RunStatus) => Promise<void>) | undefined;
  logger?: Logger | undefined;
  maxActiveRuns?: number | undefined;
  evaluatorThreads?: number | undefined;
  /**
   * The secrets a run's browser steps name, handed to its worker with the start message (`recipe` is absent when a run
   * resumes: the stored one is used). Absent: workers get none, and a step that types a credential fails naming it.
   */
  credentialsFor?: ((run: { runId: string; recipe: Recipe | undefined }) => Promise<WorkerCredentials>) | undefined;
}

interface ActiveRun {
  worker: WorkerHandle;
  progress: RunProgress | null;
  subscribers: Set<EventQueue<RunEvent>>;
  done: Promise<void>;
}

const JOURNAL_SIZE = 500;

/**
 * Runs each crawl in its own worker process, so parsing a big crawl never stalls the main process
 * (and with it the studio's IPC). Workers write to the same SQLite file (WAL) the main process reads.
 * A worker that dies mid-run leaves the run "running" in the database: it is offered for resuming at
 * the next start, and resume() continues it from the durable queue in SQLite.
 */
export class WorkerRunLauncher implements RunLauncher {
  readonly #o: WorkerLauncherOptions;
  readonly #logger: Logger;
  readonly #active = new Map<string, ActiveRun>();
  readonly #journal = new Map<string, LoggedEvent[]>();
  #closed = false;

  constructor(opts: WorkerLauncherOptions) {
    this.#o = opts;
    this.#logger = opts.logger ?? silentLogger;
  }

  start(req: StartRunRequest): Promise<{ runId: string }> {
    if (req.evaluate) {
      if (!this.#o.inProcess) throw new ApiError('TIER_UNAVAILABLE', 'This launcher cannot run a custom page evaluator in a worker and has no in-process launcher');
      return this.#o.inProcess.start(req);
    }
    return this.#withCredentials({ type: 'start', dbPath: this.#o.dbPath, runId: randomUUID(), recipe: req.recipe, resume: false, inputRows: req.inputRows, concurrency: req.concurrency, evaluatorThreads: this.#o.evaluatorThreads }).then((m) => this.#launch(m));
  }

  /** Continues an unfinished run from where its queue in SQLite stands: done pages are not fetched again, rows are not duplicated. */
  resume(runId: string): Promise<{ runId: string }> {
    if (this.#active.has(runId)) throw new ScrapifieError('INVALID_INPUT', `Run ${runId} is already running`);
    return this.#withCredentials({ type: 'start', dbPath: this.#o.dbPath, runId, resume: true, evaluatorThreads: this.#o.evaluatorThreads }).then((m) => this.#launch(m));
  }

  async #withCredentials(msg: WorkerStartMessage): Promise<WorkerStartMessage> {
    const credentials = await this.#o.credentialsFor?.({ runId: msg.runId, recipe: msg.recipe });
    return credentials && Object.keys(credentials).length > 0 ? { ...msg, credentials } : msg;
  }

  #launch(msg: WorkerStartMessage): Promise<{ runId: string }> {
    if (this.#closed) throw new ScrapifieError('CANCELLED', 'The app is shutting down: no new runs start');
    const max = this.#o.maxActiveRuns ?? 8;
    if (this.#active.size >= max) throw new ApiError('QUEUE_FULL', `${this.#active.size} runs are active, the most the desktop runs at once is ${max}: wait for one to finish`, { retryAfterSeconds: 10 });
    const { runId } = msg;
    if (this.#active.has(runId)) throw new ScrapifieError('INVALID_INPUT', `Run ${runId} is already running`);
    const worker = this.#o.spawn();
    const active: ActiveRun = { worker, progress: null, subscribers: new Set(), done: Promise.resolve() };
    this.#active.set(runId, active);
    let started = false;
    let settle!: { resolve: (v: { runId: string }) => void; reject: (e: Error) => void };
    const result = new Promise<{ runId: string }>((resolve, reject) => (settle = { resolve, reject }));
    const publish = (event: RunEvent): void => {
      const log = this.#journal.get(runId) ?? [];
      if (event.type !== 'progress') {
        log.push({ at: new Date().toISOString(), event });
        if (log.length > JOURNAL_SIZE) log.splice(0, log.length - JOURNAL_SIZE);
        this.#journal.set(runId, log);
      }
      if (event.type === 'progress' || event.type === 'run.finished') active.progress = event.progress;
      for (const s of active.subscribers) s.push(event);
    };
    active.done = new Promise<void>((resolveDone) => {
      let finished = false;
      let startError: Error | undefined;
      worker.onMessage((m) => {
        if (m.type === 'event') {
          if (m.event.type === 'run.started' && !started) {
            started = true;
            settle.resolve({ runId });
          }
          if (m.event.type === 'run.finished') finished = true;
          publish(m.event);
        } else if (m.type === 'error') {
          // Reported to the caller of start() once the worker has gone (the run is no longer active by then).
          if (!started) startError = new ScrapifieError((m.code ?? 'INTERNAL') as never, m.message);
          else this.#logger.error('run crashed in its worker', { runId, error: m.message });
        }
      });
      worker.onExit((reason) => {
        if (!started) {
          this.#active.delete(runId);
          settle.reject(startError ?? new ScrapifieError('INTERNAL', `The crawl worker ended before the run started (${reason})`));
        } else if (!finished) {
          this.#logger.error('crawl worker died mid-run: the run stays resumable', { runId, reason });
          publish({ type: 'run.finished', runId, status: 'failed', progress: active.progress ?? emptyProgress() });
        }
        this.#active.delete(runId);
        for (const s of active.subscribers) s.end();
        active.subscribers.clear();
        resolveDone();
      });
    });
    worker.postMessage(msg);
    return result;
  }

  async cancel(runId: string): Promise<boolean> {
    const active = this.#active.get(runId);
    if (!active) return (await this.#o.inProcess?.cancel(runId)) ?? false;
    active.worker.postMessage({ type: 'cancel' });
    return true;
  }

  isActive(runId: string): boolean {
    return this.#active.has(runId) || (this.#o.inProcess?.isActive(runId) ?? false);
  }

  progress(runId: string): RunProgress | null {
    return this.#active.get(runId)?.progress ?? this.#o.inProcess?.progress(runId) ?? null;
  }

  subscribe(runId: string, signal?: AbortSignal): AsyncIterable<RunEvent> {
    const active = this.#active.get(runId);
    if (!active && this.#o.inProcess?.isActive(runId)) return this.#o.inProcess.subscribe(runId, signal);
    const queue = new EventQueue<RunEvent>((e) => e.type === 'progress');
    if (!active || signal?.aborted) {
      queue.end();
      return queue;
    }
    active.subscribers.add(queue);
    signal?.addEventListener('abort', () => {
      active.subscribers.delete(queue);
      queue.end();
    }, { once: true });
    return queue;
  }

  recentEvents(runId: string, limit: number): LoggedEvent[] {
    const mine = this.#journal.get(runId);
    if (!mine) return this.#o.inProcess?.recentEvents(runId, limit) ?? [];
    return mine.slice(-limit);
  }

  async waitUntilDone(runId: string, signal?: AbortSignal): Promise<void> {
    const active = this.#active.get(runId);
    if (!active) return this.#o.inProcess?.waitUntilDone(runId, signal);
    if (signal?.aborted) return;
    await new Promise<void>((resolve) => {
      signal?.addEventListener('abort', () => resolve(), { once: true });
      void active.done.then(resolve);
    });
  }

  /** Cancels every run (each ends cancelled, resumable) and waits for the workers to exit; a worker that hangs is killed after `graceMs`. */
  async close(graceMs = 10_000): Promise<void> {
    this.#closed = true;
    const runs = [...this.#active.values()];
    for (const r of runs) r.worker.postMessage({ type: 'cancel' });
    const timer = setTimeout(() => runs.forEach((r) => r.worker.kill()), graceMs);
    await Promise.all(runs.map((r) => r.done));
    clearTimeout(timer);
    await this.#o.inProcess?.close();
  }
}

function emptyProgress(): RunProgress {
  return { pagesDone: 0, pagesFailed: 0, pagesQueued: 0, pagesInFlight: 0, items: 0, bytes: 0, elapsedMs: 0, pagesPerSecond: 0, etaMs: null, byTier: { http: 0, browser: 0, stealth: 0 } };
}
