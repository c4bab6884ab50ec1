import type { Limits } from '@scrapifie/recipe';
import type { Completion, CrawlStore, Inserted } from '../ports/store.ts';

export interface CompletionWriterOptions {
  store: CrawlStore;
  runId: string;
  limits: Limits;
  /** Requests in the run so far (limits.maxPages counts them all). */
  totalRequests: number;
  /** Rows stored for the run so far (limits.maxItems). */
  items: number;
  /** Called after each write with what each completion inserted, in order. */
  written: (inserted: Inserted[]) => void;
}

interface Pending {
  completion: Completion;
  resolve: (r: Inserted) => void;
  reject: (e: unknown) => void;
}

/**
 * Writes page completions to the store in group commits: completions that arrive while a write is
 * being prepared share one transaction (still all-or-nothing for each page, so a crash loses no row
 * and duplicates none). Writes are strictly one after another, so the maxPages and maxItems budgets
 * are exact.
 */
export class CompletionWriter {
  private readonly o: CompletionWriterOptions;
  private queue: Pending[] = [];
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();
  private totalRequests: number;
  private items: number;

  constructor(o: CompletionWriterOptions) {
    this.o = o;
    this.totalRequests = o.totalRequests;
    this.items = o.items;
  }

  /** Stores the page's rows and requests and marks it succeeded; resolves with what was inserted. */
  complete(completion: Completion): Promise<Inserted> {
    return new Promise<Inserted>((resolve, reject) => {
      this.queue.push({ completion, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // Let the other responses of this turn of the event loop join the batch.
        setImmediate(() => {
          this.scheduled = false;
          this.chain = this.chain.then(() => this.flush());
        });
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const { maxPages, maxItems } = this.o.limits;
    try {
      const inserted = await this.o.store.completeRequests(
        this.o.runId,
        batch.map((p) => p.completion),
        {
          maxNewRequests: maxPages === undefined ? undefined : Math.max(0, maxPages - this.totalRequests),
          maxNewRows: maxItems === undefined ? undefined : Math.max(0, maxItems - this.items),
        },
      );
      for (const r of inserted) {
        this.totalRequests += r.requestsInserted;
        this.items += r.rowsInserted;
      }
      this.o.written(inserted);
      batch.forEach((p, i) => p.resolve(inserted[i] as Inserted));
    } catch (e) {
      for (const p of batch) p.reject(e);
    }
  }
}
