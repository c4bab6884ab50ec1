import { Worker } from 'node:worker_threads';
import type { PageOutcome } from '@scrapifie/extract';
import { ScrapifieError, type ErrorCode, type IssueDetail, type PageSpec } from '@scrapifie/recipe';
import type { EvaluateJob } from './evaluate-worker.ts';
import type { EvaluationContext, PageEvaluator } from './evaluator.ts';

type Reply = { id: number; outcome: PageOutcome } | { id: number; error: { code: ErrorCode; message: string; retryable: boolean; issues: IssueDetail[] } };

interface Waiting {
  resolve: (o: PageOutcome) => void;
  reject: (e: unknown) => void;
}

interface Thread {
  worker: Worker;
  /** Jobs sent to this worker and not answered yet. */
  jobs: Map<number, Waiting>;
}

const WORKER_URL = new URL('./evaluate-worker.ts', import.meta.url);

/**
 * Evaluates pages on worker threads, so parsing HTML (most of a crawl's CPU) runs beside the crawl
 * loop and on more cores. One pool per recipe: the workers hold its page specs. A worker that dies
 * fails the pages it held (EXTRACTION_ERROR) and is replaced.
 */
export class WorkerEvaluatorPool {
  private readonly page: PageSpec;
  private readonly threads: Thread[] = [];
  private nextId = 1;
  private closed = false;

  constructor(page: PageSpec, size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`evaluator threads must be a whole number >= 1, got ${size}`);
    this.page = page;
    for (let i = 0; i < size; i++) this.threads.push(this.spawn());
  }

  private spawn(): Thread {
    const t: Thread = { worker: new Worker(WORKER_URL, { workerData: { page: this.page } }), jobs: new Map() };
    t.worker.on('message', (r: Reply) => {
      const w = t.jobs.get(r.id);
      if (!w) return;
      t.jobs.delete(r.id);
      if ('outcome' in r) w.resolve(r.outcome);
      else w.reject(new ScrapifieError(r.error.code, r.error.message, { retryable: r.error.retryable, issues: r.error.issues }));
    });
    const died = (why: string): void => {
      const i = this.threads.indexOf(t);
      if (i === -1) return;
      for (const w of t.jobs.values()) w.reject(new ScrapifieError('EXTRACTION_ERROR', `The evaluator thread stopped while evaluating the page: ${why}`));
      t.jobs.clear();
      if (this.closed) return;
      this.threads[i] = this.spawn();
    };
    t.worker.on('error', (e) => died(e.message));
    t.worker.on('exit', (code) => died(`exit code ${code}`));
    return t;
  }

  /** The PageEvaluator to pass to runCrawl (the spec argument is resolved again in the worker from its path). */
  readonly evaluate: PageEvaluator = (_spec, specPath, body, ctx: EvaluationContext) => {
    if (this.closed) return Promise.reject(new Error('the evaluator pool is closed'));
    let t = this.threads[0] as Thread;
    for (const c of this.threads) if (c.jobs.size < t.jobs.size) t = c;
    const id = this.nextId++;
    return new Promise<PageOutcome>((resolve, reject) => {
      t.jobs.set(id, { resolve, reject });
      const job: EvaluateJob = { id, specPath, body, ctx };
      t.worker.postMessage(job);
    });
  };

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const threads = this.threads.splice(0);
    for (const t of threads) for (const w of t.jobs.values()) w.reject(new Error('the evaluator pool was closed'));
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }
}
