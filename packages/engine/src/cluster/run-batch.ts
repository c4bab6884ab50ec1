import type { Recipe, RunEvent } from '@scrapifie/recipe';
import type { BlockDetector } from '../ports/block-detector.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { ProxyProvider } from '../ports/proxy-provider.ts';
import type { CrawlStore } from '../ports/store.ts';
import { Crawler } from '../crawl/crawler.ts';
import { staticEvaluator, type PageEvaluator } from '../crawl/evaluator.ts';
import { ProgressCounters } from '../crawl/progress.ts';
import { fetcherFor } from '../crawl/run-crawl.ts';
import { TierController } from '../tiers/controller.ts';
import { CostMeter } from '../tiers/cost.ts';
import type { Fetchers } from '../tiers/ladder.ts';
import { InMemoryTierMemory } from '../tiers/memory.ts';

export interface CrawlBatchOptions {
  runId: string;
  recipe: Recipe;
  /** The batch's view of the store (a BatchStore). */
  store: CrawlStore;
  fetchers: Fetchers;
  concurrency: number;
  logger: Logger;
  clock: Clock;
  signal: AbortSignal;
  evaluate?: PageEvaluator | undefined;
  blockDetector?: BlockDetector | undefined;
  proxies?: ProxyProvider | undefined;
  /** The crawl's events (fetches, failures), e.g. for metrics. */
  onEvent?: ((e: RunEvent) => void) | undefined;
}

/** Crawls one batch of a run with the engine's crawl loop (the same fetch, escalation, politeness and group-commit code as runCrawl). */
export async function crawlBatch(o: CrawlBatchOptions): Promise<'done' | 'cancelled' | 'limit'> {
  const start = await o.store.counts(o.runId);
  const cost = new CostMeter();
  const memory = new InMemoryTierMemory({ now: () => o.clock.now() });
  const tiers = new TierController({ runId: o.runId, recipe: o.recipe, fetchers: o.fetchers, memory, cost, proxies: o.proxies, detector: o.blockDetector });
  const progress = new ProgressCounters(
    { pagesDone: start.succeeded, pagesFailed: start.failed, pending: start.pending, items: start.results, bytes: 0, byTier: { http: 0, browser: 0, stealth: 0 } },
    o.clock.now(),
  );
  fetcherFor(o.recipe, o.fetchers); // a mode without its fetcher fails here
  const crawler = new Crawler({
    runId: o.runId,
    recipe: o.recipe,
    store: o.store,
    robotsFetcher: o.fetchers.http,
    tiers,
    cost,
    evaluate: o.evaluate ?? staticEvaluator,
    concurrency: o.concurrency,
    logger: o.logger,
    clock: o.clock,
    progress,
    totalRequests: start.pending + start.inFlight + start.succeeded + start.failed,
    emit: (e) => o.onEvent?.(e),
  });
  const maxItems = o.recipe.limits.maxItems;
  if (maxItems !== undefined && start.results >= maxItems) crawler.stop('limit');
  const onAbort = (): void => crawler.stop('cancelled');
  if (o.signal.aborted) onAbort();
  o.signal.addEventListener('abort', onAbort, { once: true });
  try {
    await crawler.run();
  } finally {
    o.signal.removeEventListener('abort', onAbort);
  }
  return crawler.stopReason === 'cancelled' ? 'cancelled' : crawler.stopReason === 'limit' ? 'limit' : 'done';
}
