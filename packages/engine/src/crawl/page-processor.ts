import { ScrapifieError, toScrapifieError, type Recipe, type RunEvent } from '@scrapifie/recipe';
import type { PageOutcome } from '@scrapifie/extract';
import type { Clock } from '../ports/clock.ts';
import type { Fetcher, FetchRequest, FetchResponse } from '../ports/fetcher.ts';
import type { CrawlStore, StoredRequest } from '../ports/store.ts';
import type { DomainState } from '../politeness/domain.ts';
import { mayRetry, retryDelayMs } from './backoff.ts';
import { classifyResponse, classifyThrown, type FetchOutcome } from './classify.ts';
import { SpecCache, type PageEvaluator } from './evaluator.ts';
import { pageOutput } from './page-output.ts';
import type { ProgressCounters } from './progress.ts';
import type { CompletionWriter } from './completion-writer.ts';

/** What the page processor needs from the crawl loop. */
export interface CrawlControl {
  /** A request was put back in the store, due at `at`. */
  storeWillHaveAt(at: number): void;
}

export interface PageProcessorOptions {
  runId: string;
  recipe: Recipe;
  store: CrawlStore;
  fetcher: Fetcher;
  evaluate: PageEvaluator;
  clock: Clock;
  progress: ProgressCounters;
  writer: CompletionWriter;
  emit: (e: RunEvent) => void;
}

/** One request's life after dispatch: fetch, classify, evaluate, and one store write that records the result. */
export class PageProcessor {
  private readonly o: PageProcessorOptions;
  private readonly control: CrawlControl;
  private readonly specs: SpecCache;
  private readonly baseRequest: Omit<FetchRequest, 'url'>;

  constructor(o: PageProcessorOptions, control: CrawlControl) {
    this.o = o;
    this.control = control;
    this.specs = new SpecCache(o.recipe.page);
    const f = o.recipe.fetch;
    this.baseRequest = { method: 'GET', headers: f.headers, timeoutMs: f.timeoutMs, maxRedirects: f.maxRedirects, maxBodyBytes: f.maxBodyBytes, impersonate: f.impersonate };
  }

  /** Fetches through the domain's breaker (calling `fetched` as soon as the fetch is over), then records the outcome. */
  async fetchAndProcess(item: StoredRequest, domain: DomainState, fetched: () => void): Promise<void> {
    const attempt = item.attempts + 1;
    let outcome: FetchOutcome | 'open';
    try {
      // Called before any await, so a half-open breaker lets exactly this request through as its probe.
      outcome = await domain.breaker.run(() => this.fetchOnce(item, attempt));
    } finally {
      fetched();
    }
    if (outcome === 'open') {
      // The circuit opened while this request waited: defer it to the end of the cooldown, attempts unchanged.
      const gate = domain.breaker.gate();
      const at = gate.pass ? this.o.clock.now() : gate.reason === 'open' ? gate.until : this.o.clock.now() + 1000;
      await this.o.store.releaseRequests(this.o.runId, [item.id], at);
      this.o.progress.pending++;
      this.control.storeWillHaveAt(at);
      return;
    }
    if (outcome.kind === 'page') {
      domain.bucket.recover();
      await this.processPage(item, outcome.response, attempt);
      return;
    }
    const now = this.o.clock.now();
    const err = outcome.error;
    if (outcome.pushback) {
      domain.bucket.slowDown();
      if (err.retryAfterMs !== undefined) domain.pause(now + err.retryAfterMs);
    }
    const policy = this.o.recipe.fetch.retry;
    const retryAt = err.retryable && mayRetry(policy, attempt) ? now + retryDelayMs(policy, attempt, { retryAfterMs: err.retryAfterMs }) : undefined;
    await this.recordFailure(item, err, attempt, retryAt);
  }

  private async fetchOnce(item: StoredRequest, attempt: number): Promise<FetchOutcome> {
    try {
      const res = await this.o.fetcher.fetch({ ...this.baseRequest, url: item.url });
      this.o.progress.bytes += res.body.byteLength;
      this.o.emit({ type: 'page.fetched', runId: this.o.runId, url: res.url, status: res.status, bytes: res.body.byteLength, ms: res.ms, tier: res.tier, attempt });
      return classifyResponse(res, this.o.clock.now());
    } catch (e) {
      return classifyThrown(e);
    }
  }

  private async processPage(item: StoredRequest, res: FetchResponse, attempt: number): Promise<void> {
    let outcome: PageOutcome;
    try {
      outcome = await this.o.evaluate(this.specs.get(item.specPath), item.specPath, res.body, {
        url: res.url,
        depth: item.depth,
        parentRow: item.parentRow,
        pageNumber: item.pageNumber,
        contentType: res.headers['content-type'],
        maxBytes: this.o.recipe.fetch.maxBodyBytes,
      });
    } catch (e) {
      const err = e instanceof ScrapifieError ? e : new ScrapifieError('EXTRACTION_ERROR', `Evaluating the page failed: ${toScrapifieError(e).message}`, { cause: e });
      await this.recordFailure(item, err, attempt, undefined);
      return;
    }
    const { limits, itemKey } = this.o.recipe;
    const out = pageOutput(outcome, { requestKey: item.key, url: res.url, tier: res.tier, attempt, itemKey, maxDepth: limits.maxDepth });
    await this.o.writer.complete({ requestId: item.id, rows: out.rows, newRequests: out.requests });
    this.o.progress.pagesDone++;
    this.o.progress.byTier[res.tier]++;
    this.o.emit({ type: 'items.extracted', runId: this.o.runId, url: res.url, count: out.rows.length, dropped: outcome.dropped.length });
  }

  /** Records a failed attempt: back to pending due at `retryAt`, or failed for good without it. */
  async recordFailure(item: StoredRequest, error: ScrapifieError, attempt: number, retryAt: number | undefined): Promise<void> {
    await this.o.store.failRequest(this.o.runId, item.id, { code: error.code, message: error.message, retryAt });
    if (retryAt === undefined) this.o.progress.pagesFailed++;
    else {
      this.o.progress.pending++;
      this.control.storeWillHaveAt(retryAt);
    }
    this.o.emit({ type: 'request.failed', runId: this.o.runId, url: item.url, code: error.code, message: error.message, attempt, willRetry: retryAt !== undefined });
  }
}
