import { BlockedError, ScrapifieError, toScrapifieError, type Recipe, type RunEvent } from '@scrapifie/recipe';
import type { PageOutcome } from '@scrapifie/extract';
import type { Clock } from '../ports/clock.ts';
import type { FetchRequest, FetchResponse } from '../ports/fetcher.ts';
import type { CrawlStore, StoredRequest } from '../ports/store.ts';
import type { DomainState } from '../politeness/domain.ts';
import type { CostMeter } from '../tiers/cost.ts';
import type { TierController, PlannedFetch } from '../tiers/controller.ts';
import type { Decision, Signal } from '../tiers/escalation.ts';
import { retryDelayMs } from './backoff.ts';
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
  tiers: TierController;
  cost: CostMeter;
  evaluate: PageEvaluator;
  clock: Clock;
  progress: ProgressCounters;
  writer: CompletionWriter;
  emit: (e: RunEvent) => void;
}

type Item = StoredRequest & { domain: string };
/** A fetch outcome with the escalation signal it carries, if any. */
type Fetched = FetchOutcome & { signal?: Signal | undefined };

/** One request's life after dispatch: plan the tier, fetch, classify, evaluate, and one store write that records the result. */
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
    this.baseRequest = { method: 'GET', headers: f.headers, timeoutMs: f.timeoutMs, maxRedirects: f.maxRedirects, maxBodyBytes: f.maxBodyBytes, impersonate: f.impersonate, runId: o.runId };
  }

  /** Fetches through the domain's breaker (calling `fetched` as soon as the fetch is over), then records the outcome. */
  async fetchAndProcess(item: Item, domain: DomainState, fetched: () => void): Promise<void> {
    const attempt = item.attempts + 1;
    let plan: PlannedFetch;
    try {
      plan = this.o.tiers.plan(item, this.baseRequest, this.specs.get(item.specPath));
    } catch (e) {
      fetched();
      this.o.tiers.finished(item, undefined);
      await this.recordFailure(item, toScrapifieError(e), attempt, undefined);
      return;
    }
    let outcome: Fetched | 'open';
    try {
      // Called before any await, so a half-open breaker lets exactly this request through as its probe.
      outcome = await domain.breaker.run(() => this.fetchOnce(item, attempt, plan));
    } finally {
      fetched();
    }
    if (outcome === 'open') {
      // The circuit opened while this request waited: defer it to the end of the cooldown, attempts unchanged.
      this.o.tiers.unused(plan);
      const gate = domain.breaker.gate();
      const at = gate.pass ? this.o.clock.now() : gate.reason === 'open' ? gate.until : this.o.clock.now() + 1000;
      await this.o.store.releaseRequests(this.o.runId, [item.id], at);
      this.o.progress.pending++;
      this.control.storeWillHaveAt(at);
      return;
    }
    if (outcome.kind === 'page') {
      domain.bucket.recover();
      await this.processPage(item, outcome.response, attempt, plan);
      return;
    }
    const err = outcome.error;
    if (outcome.pushback) {
      domain.bucket.slowDown();
      if (err.retryAfterMs !== undefined) domain.pause(this.o.clock.now() + err.retryAfterMs);
    }
    if (!outcome.signal) {
      this.o.tiers.finished(item, plan);
      await this.recordFailure(item, err, attempt, undefined);
      return;
    }
    await this.act(item, attempt, this.o.tiers.decide(item, plan, outcome.signal), outcome.signal);
  }

  private async fetchOnce(item: Item, attempt: number, plan: PlannedFetch): Promise<Fetched> {
    try {
      this.o.tiers.attachProxy(item, plan);
    } catch (e) {
      // No usable proxy now: a transient failure, but not the domain's (its breaker does not count it).
      const error = toScrapifieError(e);
      return { kind: 'error', error, breakerFailure: false, pushback: false, signal: { kind: 'transient', error } };
    }
    const started = performance.now();
    plan.startedAt = started;
    try {
      const res = await plan.fetcher.fetch(plan.request);
      this.o.cost.fetched(plan.rung, res.body.byteLength, res.ms);
      this.o.progress.bytes += res.body.byteLength;
      this.o.emit({ type: 'page.fetched', runId: this.o.runId, url: res.url, status: res.status, bytes: res.body.byteLength, ms: res.ms, tier: res.tier, attempt, proxyTier: plan.rung.proxyTier });
      const signal = this.o.tiers.screen(plan, res);
      if (signal) return wallOutcome(res, signal);
      return withSignal(classifyResponse(res, this.o.clock.now()), (err) => (err.retryable ? { kind: 'transient', error: err, retryAfterMs: err.retryAfterMs } : undefined));
    } catch (e) {
      this.o.cost.fetched(plan.rung, 0, performance.now() - started);
      const outcome = withSignal(classifyThrown(e), (err) => this.o.tiers.thrownSignal(item, plan, err));
      // A proxy that failed says nothing about the site: the domain's breaker does not count it.
      return outcome.kind === 'error' && outcome.signal?.kind === 'proxy' ? { ...outcome, breakerFailure: false } : outcome;
    }
  }

  private async processPage(item: Item, res: FetchResponse, attempt: number, plan: PlannedFetch): Promise<void> {
    const spec = this.specs.get(item.specPath);
    let outcome: PageOutcome;
    try {
      outcome = await this.o.evaluate(spec, item.specPath, res.body, {
        url: res.url,
        depth: item.depth,
        parentRow: item.parentRow,
        pageNumber: item.pageNumber,
        contentType: res.headers['content-type'],
        maxBytes: this.o.recipe.fetch.maxBodyBytes,
      });
    } catch (e) {
      const err = e instanceof ScrapifieError ? e : new ScrapifieError('EXTRACTION_ERROR', `Evaluating the page failed: ${toScrapifieError(e).message}`, { cause: e });
      this.o.tiers.finished(item, plan);
      await this.recordFailure(item, err, attempt, undefined);
      return;
    }
    const signal = this.o.tiers.judgePage(plan, res, spec, outcome);
    if (signal) {
      const decision = this.o.tiers.decide(item, plan, signal);
      if (decision.kind !== 'accept') {
        await this.act(item, attempt, decision, signal);
        return;
      }
    }
    this.o.tiers.accepted(item, plan);
    const { limits, itemKey } = this.o.recipe;
    const out = pageOutput(outcome, { requestKey: item.key, url: res.url, tier: res.tier, proxyTier: plan.rung.proxyTier, attempt, itemKey, maxDepth: limits.maxDepth });
    await this.o.writer.complete({ requestId: item.id, rows: out.rows, newRequests: out.requests });
    this.o.progress.pagesDone++;
    this.o.progress.byTier[res.tier]++;
    this.o.emit({ type: 'items.extracted', runId: this.o.runId, url: res.url, count: out.rows.length, dropped: outcome.dropped.length });
  }

  /** Carries out an escalation decision: retry (now for escalations, after a backoff for transient failures) or fail. */
  private async act(item: Item, attempt: number, d: Decision, signal: Signal): Promise<void> {
    if (d.kind === 'accept') throw new ScrapifieError('INTERNAL', 'an accepted page reached the failure path');
    if (d.kind === 'fail') {
      await this.recordFailure(item, d.error, attempt, undefined);
      return;
    }
    const retryAfterMs = signal.kind === 'transient' || signal.kind === 'blocked' || signal.kind === 'ip' ? signal.retryAfterMs : undefined;
    const delay = typeof d.delay === 'number' ? d.delay : retryDelayMs(this.o.recipe.fetch.retry, d.delay.backoff, { retryAfterMs });
    await this.recordFailure(item, d.error, attempt, this.o.clock.now() + delay);
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

function withSignal(outcome: FetchOutcome, signalOf: (error: ScrapifieError) => Signal | undefined): Fetched {
  return outcome.kind === 'error' ? { ...outcome, signal: signalOf(outcome.error) } : outcome;
}

/** A wall behind an error status: a BLOCKED failure carrying its signal (429/503 still slow the domain down). */
function wallOutcome(res: FetchResponse, signal: Signal): Fetched {
  const error = signal.kind === 'proxy' ? signal.error : new BlockedError(signal.kind === 'content' ? signal.reason : signal.kind === 'transient' ? signal.error.message : signal.reason);
  return { kind: 'error', error, response: res, breakerFailure: false, pushback: res.status === 429 || res.status === 503, signal };
}
