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

/** Request keys remembered as stored, at most (a cache: forgetting only costs a store lookup). */
const MAX_KNOWN_KEYS = 100_000;

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
 *
 * Links a page finds again (every listing page links its neighbours, so most links are known) are not sent to
 * the store again: the keys of requests stored by earlier writes are remembered, and a request whose key is
 * known is left out of the write (the store would skip it as a duplicate anyway).
 */
export class CompletionWriter {
  private readonly o: CompletionWriterOptions;
  private queue: Pending[] = [];
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();
  private totalRequests: number;
  private items: number;
  /** Keys of requests the store certainly holds (inserted, or skipped there as duplicates). */
  private known = new Set<string>();

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
    const maxNewRequests = maxPages === undefined ? undefined : Math.max(0, maxPages - this.totalRequests);
    const completions = batch.map((p) => this.withoutKnown(p.completion));
    try {
      const inserted = await this.o.store.completeRequests(this.o.runId, completions, {
        maxNewRequests,
        maxNewRows: maxItems === undefined ? undefined : Math.max(0, maxItems - this.items),
      });
      this.remember(completions, inserted, maxNewRequests);
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

  /** The completion without the requests the store is known to hold. */
  private withoutKnown(c: Completion): Completion {
    if (this.known.size === 0 || c.newRequests.length === 0) return c;
    const fresh = c.newRequests.filter((r) => !this.known.has(r.key));
    return fresh.length === c.newRequests.length ? c : { ...c, newRequests: fresh };
  }

  /**
   * Remembers the keys of the requests a write sent to the store. With a maxPages budget, the store stops at the
   * budget: the requests of a completion that reached it may not have been looked at, so they are not remembered.
   */
  private remember(completions: Completion[], inserted: Inserted[], maxNewRequests: number | undefined): void {
    let left = maxNewRequests ?? Infinity;
    completions.forEach((c, i) => {
      const n = (inserted[i] as Inserted).requestsInserted;
      if (n >= left) {
        left = 0;
        return;
      }
      left -= n;
      if (this.known.size + c.newRequests.length > MAX_KNOWN_KEYS) this.known.clear();
      for (const r of c.newRequests) this.known.add(r.key);
    });
  }
}
