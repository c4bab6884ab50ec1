import { ScrapifieError, toScrapifieError, type Recipe, type RunEvent } from '@scrapifie/recipe';
import type { Clock } from '../ports/clock.ts';
import type { Fetcher, FetchRequest } from '../ports/fetcher.ts';
import type { Logger } from '../ports/logger.ts';
import type { CrawlStore, StoredRequest } from '../ports/store.ts';
import { DomainRegistry, type DomainState } from '../politeness/domain.ts';
import { RobotsCache } from '../politeness/robots.ts';
import type { CostMeter } from '../tiers/cost.ts';
import type { TierController } from '../tiers/controller.ts';
import { PageProcessor } from './page-processor.ts';
import type { PageEvaluator } from './evaluator.ts';
import type { ProgressCounters } from './progress.ts';
import { Scheduler } from './scheduler.ts';
import { CompletionWriter } from './completion-writer.ts';
import { Wakeup } from './sync.ts';
import { domainKey, originOf } from './url.ts';

export type HeldRequest = StoredRequest & { domain: string; origin: string };
export type StopReason = 'cancelled' | 'limit' | 'error';

export interface CrawlerOptions {
  runId: string;
  recipe: Recipe;
  store: CrawlStore;
  /** Fetches robots.txt: the HTTP tier whatever the fetch mode (a text file needs no browser page, and the browser
   *  tier's waits, e.g. a recipe's waitForSelector, would hold every page of the site until they time out). */
  robotsFetcher: Fetcher;
  /** Picks each request's fetch and proxy tier and escalates past blocks. */
  tiers: TierController;
  cost: CostMeter;
  evaluate: PageEvaluator;
  concurrency: number;
  logger: Logger;
  clock: Clock;
  progress: ProgressCounters;
  /** Requests in the run so far (for limits.maxPages). */
  totalRequests: number;
  emit: (e: RunEvent) => void;
}

const PROGRESS_EVERY_MS = 300;
/** Held requests that cannot go for at least this long are returned to the store when memory is full. */
const SPILL_MIN_WAIT_MS = 1000;

/**
 * The crawl loop of one run: claims requests from the store in batches, holds them per domain,
 * keeps up to `concurrency` fetches going, and sleeps (never spins) while everything waits on time.
 */
export class Crawler {
  readonly runId: string;
  private readonly o: CrawlerOptions;
  private readonly scheduler: Scheduler<HeldRequest>;
  private readonly pages: PageProcessor;
  private readonly wakeup: Wakeup;
  private readonly claimTarget: number;
  private readonly maxHeld: number;
  private active = 0;
  private background = 0;
  private stopping: StopReason | null = null;
  private fatal: unknown = null;
  private nothingDispatchable = false;
  /** The store may hold requests due now. */
  private storeDue = true;
  /** Bumped whenever requests become due in the store, so a claim that came back short cannot hide them. */
  private storeGen = 0;
  /** The earliest known due time of requests waiting in the store. */
  private storeWakeAt: number | null = null;
  private lastProgressAt = 0;

  constructor(o: CrawlerOptions) {
    this.o = o;
    this.runId = o.runId;
    this.wakeup = new Wakeup(o.clock);
    const p = o.recipe.politeness;
    const now = (): number => o.clock.now();
    const request: Omit<FetchRequest, 'url' | 'maxBodyBytes' | 'maxRedirects'> = {
      method: 'GET',
      headers: o.recipe.fetch.headers,
      timeoutMs: o.recipe.fetch.timeoutMs,
      impersonate: o.recipe.fetch.impersonate,
    };
    const robots = p.respectRobotsTxt ? new RobotsCache({ fetcher: o.robotsFetcher, logger: o.logger, request }) : null;
    this.scheduler = new Scheduler<HeldRequest>({
      domains: new DomainRegistry(p, now),
      perDomainConcurrency: p.perDomainConcurrency,
      robots,
      giveUpAfterOpens: o.recipe.fetch.retry.maxAttempts,
      wake: () => this.wakeup.notify(),
    });
    const writer = new CompletionWriter({
      store: o.store,
      runId: o.runId,
      limits: o.recipe.limits,
      totalRequests: o.totalRequests,
      items: o.progress.items,
      written: (inserted) => {
        let grew = false;
        for (const r of inserted) {
          o.progress.items += r.rowsInserted;
          o.progress.pending += r.requestsInserted;
          if (r.requestsInserted > 0) grew = true;
        }
        if (grew) this.storeGrew();
        const max = o.recipe.limits.maxItems;
        if (max !== undefined && o.progress.items >= max) this.stop('limit');
      },
    });
    this.pages = new PageProcessor({ ...o, writer }, this);
    this.claimTarget = Math.max(16, 2 * o.concurrency);
    this.maxHeld = Math.max(1000, 20 * o.concurrency);
  }

  get stopReason(): StopReason | null {
    return this.stopping;
  }

  get held(): number {
    return this.scheduler.held;
  }

  get inFlight(): number {
    return this.active;
  }

  stop(reason: StopReason): void {
    this.stopping ??= reason;
    this.wakeup.notify();
  }

  /** New requests were stored (due now). */
  storeGrew(): void {
    this.storeDue = true;
    this.storeGen++;
  }

  /** A request was put back in the store, due at `at`. */
  storeWillHaveAt(at: number): void {
    this.storeGen++;
    this.storeWakeAt = this.storeWakeAt === null ? at : Math.min(this.storeWakeAt, at);
  }

  /** Runs until the frontier is exhausted or the run is stopped; returns the held requests to the store. */
  async run(): Promise<void> {
    await this.loop();
    const left = this.scheduler.drain();
    if (left.length) {
      await this.o.store.releaseRequests(this.runId, left.map((r) => r.id));
      this.o.progress.pending += left.length;
    }
    if (this.fatal !== null) throw this.fatal;
  }

  private async loop(): Promise<void> {
    for (;;) {
      const now = this.o.clock.now();
      if (!this.stopping) {
        if (this.shouldClaim(now)) await this.claim(now);
        this.dispatch(now);
        if (this.nothingDispatchable && this.scheduler.held >= this.maxHeld && this.active < this.o.concurrency) this.spill(now);
        // Everything claimed went out and there is room for more: claim again at once.
        if (this.scheduler.held === 0 && this.storeDue && this.active < this.o.concurrency) continue;
      }
      if (now - this.lastProgressAt >= PROGRESS_EVERY_MS) this.emitProgress(now);
      if (this.active === 0 && this.background === 0) {
        if (this.stopping) return;
        if (this.scheduler.held === 0 && !this.storeDue && this.storeWakeAt === null) return;
      }
      await this.wakeup.wait(this.nextWakeAt() - this.o.clock.now());
    }
  }

  private nextWakeAt(): number {
    if (this.stopping) return this.o.clock.now() + 1000;
    let t = this.scheduler.held > 0 && this.nothingDispatchable ? this.scheduler.wakeAt : Infinity;
    if (this.storeWakeAt !== null && this.scheduler.held < this.maxHeld) t = Math.min(t, this.storeWakeAt);
    // Look again at least every second: progress (elapsed time, ETA) stays fresh during long waits, and
    // nothing hangs on an event that never comes.
    return Math.min(t, this.o.clock.now() + 1000);
  }

  private shouldClaim(now: number): boolean {
    const held = this.scheduler.held;
    if (held >= this.maxHeld) return false;
    if (!this.storeDue && (this.storeWakeAt === null || this.storeWakeAt > now)) return false;
    return held < this.claimTarget || (this.nothingDispatchable && this.active < this.o.concurrency);
  }

  private async claim(now: number): Promise<void> {
    if (this.storeWakeAt !== null && this.storeWakeAt <= now) {
      this.storeWakeAt = null;
      this.storeDue = true;
    }
    const limit = Math.min(this.maxHeld - this.scheduler.held, Math.max(this.claimTarget - this.scheduler.held, this.o.concurrency));
    const gen = this.storeGen;
    const claimed = await this.o.store.claimRequests(this.runId, limit, now);
    for (const r of claimed) this.scheduler.push(Object.assign(r, { domain: domainKey(r.url), origin: originOf(r.url) }));
    this.o.progress.pending -= claimed.length;
    if (claimed.length < limit && gen === this.storeGen) {
      this.storeDue = false;
      const next = await this.o.store.nextDueAt(this.runId);
      if (gen === this.storeGen) {
        if (next !== null && next <= now) this.storeDue = true;
        else this.storeWakeAt = next;
      }
    }
  }

  private dispatch(now: number): void {
    this.nothingDispatchable = false;
    while (this.active < this.o.concurrency) {
      const d = this.scheduler.next(now);
      if (!d) {
        this.nothingDispatchable = true;
        return;
      }
      if (d.kind === 'fetch') this.startFetch(d.item, d.domain);
      else if (d.kind === 'disallowed') {
        this.failWithoutFetch(d.item, new ScrapifieError('ROBOTS_DISALLOWED', `robots.txt of ${d.item.origin} disallows this URL for our user agent`));
      } else {
        this.failWithoutFetch(
          d.item,
          new ScrapifieError('CIRCUIT_OPEN', `The circuit breaker of ${d.item.domain} kept re-opening after its cooldowns: the domain is given up for this run`),
        );
      }
    }
  }

  private startFetch(item: HeldRequest, domain: DomainState): void {
    this.active++;
    this.pages
      .fetchAndProcess(item, domain, () => this.scheduler.done(domain))
      .catch((e: unknown) => this.onFatal(e))
      .finally(() => {
        this.active--;
        this.wakeup.notify();
      });
  }

  private failWithoutFetch(item: HeldRequest, error: ScrapifieError): void {
    this.background++;
    this.pages
      .recordFailure(item, error, item.attempts + 1, undefined)
      .catch((e: unknown) => this.onFatal(e))
      .finally(() => {
        this.background--;
        this.wakeup.notify();
      });
  }

  private spill(now: number): void {
    const spilled = this.scheduler.spill(now, SPILL_MIN_WAIT_MS);
    if (spilled.length === 0) return;
    const byTime = new Map<number, number[]>();
    for (const s of spilled) {
      const ids = byTime.get(s.notBefore) ?? [];
      ids.push(s.item.id);
      byTime.set(s.notBefore, ids);
    }
    this.background++;
    const release = async (): Promise<void> => {
      for (const [at, ids] of byTime) {
        await this.o.store.releaseRequests(this.runId, ids, at);
        this.storeWillHaveAt(at);
      }
      this.o.progress.pending += spilled.length;
    };
    release()
      .catch((e: unknown) => this.onFatal(e))
      .finally(() => {
        this.background--;
        this.wakeup.notify();
      });
  }

  private onFatal(e: unknown): void {
    this.o.logger.error('the crawl stopped on an unexpected error', { error: toScrapifieError(e).message });
    this.fatal ??= e;
    this.stop('error');
  }

  emitProgress(now: number): void {
    this.lastProgressAt = now;
    this.o.emit({ type: 'progress', runId: this.runId, progress: this.o.progress.snapshot(now, this.scheduler.held, this.active) });
  }
}
