import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCrawl } from '@scrapifie/engine';
import type { RunEvent } from '@scrapifie/recipe';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteCrawlStore } from '../src/index.ts';
import { startProbeServer } from './helpers/probe-server.ts';
import { FAST, QUICK_RETRY, titleRecipe } from './helpers/recipes.ts';
import { WebFetcher } from './helpers/web-fetcher.ts';

type Failed = Extract<RunEvent, { type: 'request.failed' }>;

describe('runCrawl when servers misbehave', () => {
  let site: TestSite;
  let dir: string;
  let store: SqliteCrawlStore;
  const http = new WebFetcher();

  beforeAll(async () => {
    site = await startTestSite({ pages: 3, itemsPerPage: 3, seed: 3 });
  });
  afterAll(() => site.close());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-faults-'));
    store = openSqliteStore(join(dir, 'runs.db'));
    site.resetStats();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('retries a flaky 503 with backoff until it answers', async () => {
    const failed: Failed[] = [];
    const summary = await runCrawl({
      recipe: titleRecipe([`${site.url}/fault/flaky/f1?fails=2`]),
      store,
      fetchers: { http },
      onEvent: (e) => e.type === 'request.failed' && failed.push(e),
    });
    expect(summary.status).toBe('completed');
    expect(site.hits('/fault/flaky/f1')).toBe(3);
    expect(failed.map((f) => [f.code, f.message, f.attempt, f.willRetry])).toEqual([
      ['HTTP_ERROR', 'HTTP 503 Service Unavailable', 1, true],
      ['HTTP_ERROR', 'HTTP 503 Service Unavailable', 2, true],
    ]);
    const [row] = await store.results(summary.runId, { limit: 10 });
    expect(row).toMatchObject({ attempts: 3, data: { title: 'Flaky page' } });
  });

  it('gives up after maxAttempts and reports the failure', async () => {
    const summary = await runCrawl({ recipe: titleRecipe([`${site.url}/fault/500/x`, `${site.url}/list/1`]), store, fetchers: { http } });
    expect(site.hits('/fault/500/x')).toBe(QUICK_RETRY.maxAttempts);
    expect(summary).toMatchObject({ status: 'partially_completed', failures: { HTTP_ERROR: 1 } });
  });

  it('does not retry a 404', async () => {
    const failed: Failed[] = [];
    const summary = await runCrawl({
      recipe: titleRecipe([`${site.url}/no-such-page`]),
      store,
      fetchers: { http },
      onEvent: (e) => e.type === 'request.failed' && failed.push(e),
    });
    expect(site.hits('/no-such-page')).toBe(1);
    expect(failed.map((f) => [f.code, f.message, f.willRetry])).toEqual([['HTTP_ERROR', 'HTTP 404 Not Found', false]]);
    expect(summary).toMatchObject({ status: 'failed', failures: { HTTP_ERROR: 1 } });
  });

  it('honours Retry-After of a 429 for the whole domain', async () => {
    const recipe = titleRecipe([`${site.url}/fault/429/r?retryAfter=1&times=1`, `${site.url}/list/1`, `${site.url}/list/2`], {
      politeness: { ...FAST, perDomainConcurrency: 1 },
    });
    const summary = await runCrawl({ recipe, store, fetchers: { http }, concurrency: 1 });
    expect(summary.status).toBe('completed');
    const log = site.requestLog().filter((r) => r.path !== '/robots.txt');
    expect(log.map((r) => r.path)).toEqual(['/fault/429/r', '/list/1', '/list/2', '/fault/429/r']);
    // Nothing went to the domain during the second it asked for.
    expect(log[1]!.at - log[0]!.at).toBeGreaterThanOrEqual(950);
    expect(summary.failures).toEqual({});
  });

  it('never has more than perDomainConcurrency requests open on one domain', async () => {
    const probe = await startProbeServer({ delayMs: 40 });
    try {
      const urls = Array.from({ length: 24 }, (_, i) => `${probe.url}/p/${i}`);
      const recipe = titleRecipe(urls, { politeness: { ...FAST, maxConcurrency: 10, perDomainConcurrency: 3, respectRobotsTxt: false } });
      const summary = await runCrawl({ recipe, store, fetchers: { http } });
      expect(summary.status).toBe('completed');
      expect(probe.hits()).toBe(24);
      expect(probe.maxConcurrent()).toBe(3);
    } finally {
      await probe.close();
    }
  });

  it('opens the breaker of a dead domain and stops hammering it, while other domains go on', async () => {
    const dead = await startProbeServer({ status: 500 });
    const alive = await startProbeServer();
    try {
      const urls = [...Array.from({ length: 30 }, (_, i) => `${dead.url}/d/${i}`), ...Array.from({ length: 10 }, (_, i) => `${alive.url}/a/${i}`)];
      const recipe = titleRecipe(urls, {
        fetch: { retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10, multiplier: 2 } },
        politeness: { ...FAST, perDomainConcurrency: 1, respectRobotsTxt: false, circuitBreaker: { windowSize: 3, failureThreshold: 3, cooldownMs: 150 } },
      });
      const summary = await runCrawl({ recipe, store, fetchers: { http } });
      // Without a breaker: 30 URLs x 2 attempts = 60 hits. With it: 3 to open it, then one probe per cooldown.
      expect(dead.hits()).toBeLessThanOrEqual(6);
      expect(alive.hits()).toBe(10);
      expect(summary.status).toBe('partially_completed');
      expect(summary.failures.CIRCUIT_OPEN).toBeGreaterThanOrEqual(25);
      expect((summary.failures.CIRCUIT_OPEN ?? 0) + (summary.failures.HTTP_ERROR ?? 0)).toBe(30);
      expect((await store.counts(summary.runId)).results).toBe(10);
    } finally {
      await dead.close();
      await alive.close();
    }
  });

  it('respects robots.txt by default and ignores it when told to', async () => {
    const urls = [`${site.url}/private/list/1`, `${site.url}/list/1`];
    const a = await runCrawl({ recipe: titleRecipe(urls), store, fetchers: { http } });
    expect(a).toMatchObject({ status: 'partially_completed', failures: { ROBOTS_DISALLOWED: 1 } });
    expect(site.hits('/private/')).toBe(0);
    expect(site.hits('/robots.txt')).toBe(1);

    site.resetStats();
    const events: RunEvent[] = [];
    const b = await runCrawl({ recipe: titleRecipe(urls, { politeness: { ...FAST, respectRobotsTxt: false } }), store, fetchers: { http }, onEvent: (e) => events.push(e) });
    expect(b).toMatchObject({ status: 'completed', failures: {} });
    expect(site.hits('/private/')).toBe(1);
    expect(site.hits('/robots.txt')).toBe(0);
    expect(events[0]).toMatchObject({ type: 'run.started', robotsTxt: 'ignored' });
  });

  it('keeps to the rate limit', async () => {
    const urls = Array.from({ length: 6 }, (_, i) => `${site.url}/item/${i + 1}`);
    // 5 per second with a burst of 1 (perSeconds 0.2): six requests need at least a second.
    const recipe = titleRecipe(urls, { politeness: { ...FAST, respectRobotsTxt: false, rateLimit: { requests: 1, perSeconds: 0.2, adaptive: false } } });
    await runCrawl({ recipe, store, fetchers: { http } });
    const at = site.requestLog().map((r) => r.at);
    expect(at).toHaveLength(6);
    expect(at.at(-1)! - at[0]!).toBeGreaterThanOrEqual(950);
  });
});
