import { createHash, randomUUID } from 'node:crypto';
import { InvalidInputError, ScrapifieError, type FetchTier, type Recipe, type RunEvent, type RunStatus } from '@scrapifie/recipe';
import { systemClock, type Clock } from '../ports/clock.ts';
import type { BlockDetector } from '../ports/block-detector.ts';
import type { Fetcher } from '../ports/fetcher.ts';
import { silentLogger, type Logger } from '../ports/logger.ts';
import type { ProxyProvider } from '../ports/proxy-provider.ts';
import type { CrawlStore, NewRequest, RequestCounts, RunSummary } from '../ports/store.ts';
import type { TierMemory } from '../ports/tier-memory.ts';
import { TierController } from '../tiers/controller.ts';
import { CostMeter } from '../tiers/cost.ts';
import { assertStartReachable, Ladder, type Fetchers } from '../tiers/ladder.ts';
import { InMemoryTierMemory } from '../tiers/memory.ts';
import { Crawler } from './crawler.ts';
import { staticEvaluator, type PageEvaluator } from './evaluator.ts';
import { stableStringify } from './keys.ts';
import { ProgressCounters } from './progress.ts';
import { startRequests, type InputRow } from './start.ts';
import { WorkerEvaluatorPool } from './worker-evaluator.ts';

export interface RunCrawlOptions {
  /** The recipe of a new run (ignored on resume: the stored run's recipe is used). */
  recipe?: Recipe | undefined;
  store: CrawlStore;
  /** The fetch tiers of this runtime. Fetch mode "auto" climbs http → browser → stealth; a missing tier stops escalation there. */
  fetchers: Fetchers;
  /**
   * Tells bot walls and JavaScript-only shells from pages (e.g. @scrapifie/antibot's detectBlock). Without it, "auto"
   * escalates only on transient failures and on pages that show no items without JavaScript.
   */
  blockDetector?: BlockDetector | undefined;
  /** Proxies for the recipe's fetch.proxy tiers (e.g. an adapter over @scrapifie/proxy-pool). */
  proxies?: ProxyProvider | undefined;
  /**
   * Which tiers work per domain. Default: an InMemoryTierMemory on the run's clock, loaded from and saved to the store
   * when it keeps tier memory (so the next run starts at the tier that worked).
   */
  tierMemory?: TierMemory | undefined;
  /** Id of the new run (default: a random UUID), or of the run to resume. */
  runId?: string | undefined;
  resume?: boolean | undefined;
  /** Overrides recipe.politeness.maxConcurrency. */
  concurrency?: number | undefined;
  logger?: Logger | undefined;
  clock?: Clock | undefined;
  onEvent?: ((e: RunEvent) => void) | undefined;
  /** Aborting stops the run: nothing new starts, fetches in flight finish, the run ends 'cancelled' and can be resumed. */
  signal?: AbortSignal | undefined;
  /** start.input rows loaded by the caller (default: start.input.rows of the recipe). */
  inputRows?: readonly InputRow[] | undefined;
  /** The page evaluator (default: the static-HTML evaluator of @scrapifie/extract). */
  evaluate?: PageEvaluator | undefined;
  /**
   * Evaluate pages on this many worker threads instead of the crawl loop's thread (default 0: in-thread).
   * Parsing is most of a crawl's CPU: 1 or 2 threads free the loop and use more cores. Ignored with `evaluate`.
   */
  evaluatorThreads?: number | undefined;
}

const NO_TIERS: Record<FetchTier, number> = { http: 0, browser: 0, stealth: 0 };

/** The fetcher the recipe's fetch mode runs on; 'auto' starts on HTTP. */
export function fetcherFor(recipe: Recipe, fetchers: RunCrawlOptions['fetchers']): Fetcher {
  const mode: string = recipe.fetch.mode;
  if (mode === 'auto' || mode === 'http') return fetchers.http;
  const fetcher = fetchers[mode as 'browser' | 'stealth'];
  if (!fetcher) {
    throw new ScrapifieError('TIER_UNAVAILABLE', `The recipe asks for fetch mode "${mode}", but this runtime has no ${mode} fetcher: install Chromium or use fetch mode "auto" or "http"`);
  }
  return fetcher;
}

/** The recipe's first fetch and proxy tier must exist in this runtime. */
function checkTiers(recipe: Recipe, opts: RunCrawlOptions): void {
  fetcherFor(recipe, opts.fetchers);
  assertStartReachable(new Ladder(recipe, opts.fetchers, opts.proxies));
}

/** The store's tier memory, for a run that can climb tiers and a store that keeps it (else undefined). */
async function storedTierMemory(store: CrawlStore, recipe: Recipe, opts: RunCrawlOptions, clock: Clock, logger: Logger): Promise<InMemoryTierMemory | undefined> {
  if (!store.loadTierMemory || !new Ladder(recipe, opts.fetchers, opts.proxies).climbs) return undefined;
  const memory = new InMemoryTierMemory({ now: () => clock.now() });
  try {
    memory.load(await store.loadTierMemory());
  } catch (e) {
    // Without it the run starts from the cheapest tiers: slower, never wrong.
    logger.warn('could not load the tier memory', { error: e instanceof Error ? e.message : String(e) });
  }
  return memory;
}

async function saveTierMemory(store: CrawlStore, memory: InMemoryTierMemory | undefined, logger: Logger): Promise<void> {
  if (!memory || !store.saveTierMemory) return;
  const changed = memory.takeChanged();
  if (changed.length === 0) return;
  try {
    await store.saveTierMemory(changed);
  } catch (e) {
    // Losing the memory costs the next run a few escalations; it must not fail this one.
    logger.warn('could not save the tier memory', { error: e instanceof Error ? e.message : String(e) });
  }
}

export function recipeHash(recipe: Recipe): string {
  return createHash('sha256').update(stableStringify(recipe)).digest('hex');
}

/** The first `max` distinct requests (by key). */
function withinLimit(reqs: NewRequest[], max: number | undefined): NewRequest[] {
  const seen = new Set<string>();
  const out: NewRequest[] = [];
  for (const r of reqs) {
    if (max !== undefined && out.length >= max) break;
    if (seen.has(r.key)) continue;
    seen.add(r.key);
    out.push(r);
  }
  return out;
}

function finalStatus(cancelled: boolean, c: RequestCounts): RunStatus {
  if (cancelled) return 'cancelled';
  if (c.failed === 0) return 'completed';
  return c.succeeded > 0 ? 'partially_completed' : 'failed';
}

/** Starts or resumes a run and crawls it to the end (or until cancelled); the store holds everything it found. */
export async function runCrawl(opts: RunCrawlOptions): Promise<RunSummary> {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? silentLogger;
  const { store } = opts;
  const emit = (e: RunEvent): void => {
    if (!opts.onEvent) return;
    try {
      opts.onEvent(e);
    } catch (err) {
      logger.warn('a run event listener threw', { event: e.type, error: err instanceof Error ? err.message : String(err) });
    }
  };

  let recipe: Recipe;
  let runId: string;
  let previous: RunSummary | null = null;
  if (opts.resume) {
    if (!opts.runId) throw new InvalidInputError('INVALID_INPUT', 'Resuming needs the id of the run to resume');
    const run = await store.getRun(opts.runId);
    if (!run) throw new ScrapifieError('NOT_FOUND', `No run "${opts.runId}" to resume`);
    recipe = run.recipe;
    runId = run.id;
    previous = run.summary;
    checkTiers(recipe, opts);
    await store.requeueInFlight(runId);
    await store.setRunStatus(runId, 'running');
  } else {
    if (!opts.recipe) throw new InvalidInputError('INVALID_INPUT', 'A new run needs a recipe');
    recipe = opts.recipe;
    runId = opts.runId ?? randomUUID();
    checkTiers(recipe, opts);
    const starts = startRequests(recipe, opts.inputRows ?? recipe.start.input?.rows ?? []);
    if (starts.length === 0) throw new InvalidInputError('INVALID_INPUT', 'The run has nothing to start from: give start.urls or input rows');
    await store.createRun({ id: runId, recipe, recipeHash: recipeHash(recipe), status: 'running', requests: withinLimit(starts, recipe.limits.maxPages) });
  }
  fetcherFor(recipe, opts.fetchers); // a mode without its fetcher fails here, before the crawl starts
  const cost = new CostMeter(previous?.cost);
  const savedMemory = opts.tierMemory ? undefined : await storedTierMemory(store, recipe, opts, clock, logger);
  const memory = opts.tierMemory ?? savedMemory ?? new InMemoryTierMemory({ now: () => clock.now() });
  const tiers = new TierController({ runId, recipe, fetchers: opts.fetchers, memory, cost, proxies: opts.proxies, detector: opts.blockDetector });
  const concurrency = opts.concurrency ?? recipe.politeness.maxConcurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new InvalidInputError('INVALID_INPUT', `concurrency must be a whole number >= 1, got ${concurrency}`);

  const start = await store.counts(runId);
  const startedAt = clock.now();
  const progress = new ProgressCounters(
    {
      pagesDone: start.succeeded,
      pagesFailed: start.failed,
      pending: start.pending,
      items: start.results,
      bytes: previous?.progress.bytes ?? 0,
      byTier: previous?.progress.byTier ?? NO_TIERS,
    },
    startedAt,
  );
  const pool = !opts.evaluate && opts.evaluatorThreads ? new WorkerEvaluatorPool(recipe.page, opts.evaluatorThreads) : null;
  const crawler = new Crawler({
    runId,
    recipe,
    store,
    robotsFetcher: opts.fetchers.http,
    tiers,
    cost,
    evaluate: opts.evaluate ?? pool?.evaluate ?? staticEvaluator,
    concurrency,
    logger: logger.child({ runId }),
    clock,
    progress,
    totalRequests: start.pending + start.inFlight + start.succeeded + start.failed,
    emit,
  });
  emit({ type: 'run.started', runId, recipeName: recipe.name, resumed: opts.resume === true, robotsTxt: recipe.politeness.respectRobotsTxt ? 'respected' : 'ignored' });

  // A resumed run that already holds maxItems rows has nothing left to do.
  const maxItems = recipe.limits.maxItems;
  if (maxItems !== undefined && start.results >= maxItems) crawler.stop('limit');
  const onAbort = (): void => crawler.stop('cancelled');
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await crawler.run();
  } catch (e) {
    await store.setRunStatus(runId, 'failed').catch(() => undefined);
    throw e;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await pool?.close();
    await saveTierMemory(store, savedMemory, logger);
  }

  const end = await store.counts(runId);
  progress.pagesDone = end.succeeded;
  progress.pagesFailed = end.failed;
  progress.pending = end.pending;
  progress.items = end.results;
  const summary: RunSummary = {
    runId,
    status: finalStatus(crawler.stopReason === 'cancelled', end),
    progress: progress.snapshot(clock.now(), 0, 0),
    failures: await store.failureCounts(runId),
    cost: cost.snapshot(),
  };
  await store.setRunStatus(runId, summary.status, summary);
  emit({ type: 'run.finished', runId, status: summary.status, progress: summary.progress });
  logger.info('run finished', { runId, status: summary.status, pages: end.succeeded, failed: end.failed, items: end.results, costByTier: summary.cost?.byTier });
  return summary;
}
