/**
 * Local runs in crawl worker processes (child_process.fork of the worker's entry, as Electron's
 * utilityProcess runs it in the app), on a real SQLite file in a user-data folder, against the real
 * test site. A worker is killed with SIGKILL mid-run (the app died); the next start lists the run and
 * resuming it ends with exactly the rows of an uninterrupted run, every page fetched once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { runCrawl, type CrawlStore } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { parseRecipe, type Recipe } from '@scrapifie/recipe';
import { openSqliteStore } from '@scrapifie/store-sqlite';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDesktopRuntime } from '../src/runtime/desktop-runtime.ts';
import { findResumableRuns } from '../src/runtime/resume.ts';
import { forkWorkers } from '../src/worker/fork-worker.ts';
import { WorkerRunLauncher } from '../src/worker/worker-launcher.ts';
import { recordingLogger } from './recording-logger.ts';

const PAGES = 80;

function listingRecipe(startUrl: string, perSecond: number): Recipe {
  return parseRecipe({
    version: 1,
    name: 'desktop listing',
    start: { urls: [startUrl] },
    fetch: { mode: 'http', timeoutMs: 10_000 },
    page: {
      items: { css: 'article.product', fields: { title: { css: 'h2 a', transforms: ['trim'] }, price: { css: '.price', transforms: ['price'] } } },
      pagination: { pager: { css: 'nav.pagination a' } },
    },
    politeness: { maxConcurrency: 2, perDomainConcurrency: 2, rateLimit: { requests: perSecond, perSeconds: 1, adaptive: false } },
  });
}

async function resultSet(store: CrawlStore, runId: string): Promise<string[]> {
  const out: string[] = [];
  let after = 0;
  for (;;) {
    const page = await store.results(runId, { afterSeq: after, limit: 1000 });
    if (page.length === 0) break;
    for (const r of page) out.push(`${r.key} ${JSON.stringify(r.data)}`);
    after = page.at(-1)!.seq;
  }
  return out.sort();
}

describe('local runs in a crawl worker, killed and resumed', () => {
  let site: TestSite;
  let baseline: string[];
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-desktop-resume-'));
  const userData = join(dir, 'user-data');

  beforeAll(async () => {
    site = await startTestSite({ pages: PAGES });
    const store = openSqliteStore(join(dir, 'baseline.sqlite'));
    const http = new HttpFetcher();
    const summary = await runCrawl({ recipe: listingRecipe(`${site.url}/list/1`, 1000), store, fetchers: { http } });
    expect(summary.status).toBe('completed');
    baseline = await resultSet(store, summary.runId);
    await http.close();
    await store.close();
  }, 60_000);
  afterAll(async () => {
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the run the dead app left, and resuming it loses and duplicates nothing', async () => {
    expect(baseline).toHaveLength(PAGES * 20);
    // First start: the runtime creates the database; a run starts in a worker.
    const first = await openDesktopRuntime({ userDataDir: userData, logger: recordingLogger() });
    const dbPath = join(userData, DATABASE_FILE);
    const spawn = forkWorkers();
    const launcher = new WorkerRunLauncher({ dbPath, spawn });
    site.resetStats();
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const { runId } = await launcher.start({ recipe: listingRecipe(`${site.url}/list/1`, 20) });
    expect(launcher.isActive(runId)).toBe(true);
    // The main process reads the worker's progress from the same SQLite file while it writes.
    for (let t = Date.now(); (await first.store.counts(runId)).succeeded < 25; ) {
      if (Date.now() - t > 30_000) throw new Error('the worker did not get 25 pages done in 30 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    delay.disable();
    // The app dies: its crawl worker is killed without a chance to clean up.
    process.kill(spawn.pids[0]!, 'SIGKILL');
    await launcher.waitUntilDone(runId);
    expect(launcher.isActive(runId)).toBe(false);
    await first.close();
    // While the worker crawled, this (main) process's event loop never stalled.
    expect(delay.max / 1e6).toBeLessThan(200);

    // Next start: the run is offered for resuming, with where it stopped.
    const second = await openDesktopRuntime({ userDataDir: userData, logger: recordingLogger() });
    try {
      expect(second.resumableRuns.map((r) => [r.runId, r.status, r.recipeName])).toEqual([[runId, 'running', 'desktop listing']]);
      const stoppedAt = second.resumableRuns[0]!.counts;
      expect(stoppedAt.succeeded).toBeGreaterThanOrEqual(25);
      expect(stoppedAt.succeeded).toBeLessThan(PAGES);
      const rowsBefore = (await resultSet(second.store, runId)).length;
      expect(rowsBefore).toBe(stoppedAt.results);

      const resumer = new WorkerRunLauncher({ dbPath, spawn: forkWorkers() });
      const events: string[] = [];
      const resumed = await resumer.resume(runId);
      expect(resumed.runId).toBe(runId);
      for await (const e of resumer.subscribe(runId)) events.push(e.type === 'run.finished' ? `finished:${e.status}` : e.type);
      await resumer.waitUntilDone(runId);
      expect(events.at(-1)).toBe('finished:completed');

      const run = await second.store.getRun(runId);
      expect(run?.status).toBe('completed');
      expect(await second.store.counts(runId)).toMatchObject({ pending: 0, inFlight: 0, failed: 0, succeeded: PAGES });
      const rows = await resultSet(second.store, runId);
      expect(new Set(rows).size).toBe(rows.length);
      expect(rows).toEqual(baseline);
      // Every page was fetched once; only the few in flight when the worker died (at most the concurrency, 2) twice.
      const listingHits = site.hits('/list/');
      expect(listingHits).toBeGreaterThanOrEqual(PAGES);
      expect(listingHits).toBeLessThanOrEqual(PAGES + 2);
      // Nothing is left to resume.
      const third = await openDesktopRuntime({ userDataDir: userData, logger: recordingLogger() });
      expect(third.resumableRuns).toEqual([]);
      await third.close();
    } finally {
      await second.close();
    }
  }, 120_000);

  it('cancelling stops the worker cleanly: the run ends cancelled, keeps its rows and is offered for resuming', async () => {
    const rt = await openDesktopRuntime({ userDataDir: join(dir, 'cancel'), logger: recordingLogger() });
    try {
      const launcher = new WorkerRunLauncher({ dbPath: rt.dbPath, spawn: forkWorkers() });
      const { runId } = await launcher.start({ recipe: listingRecipe(`${site.url}/list/1`, 10) });
      const events: string[] = [];
      const reading = (async () => {
        for await (const e of launcher.subscribe(runId)) events.push(e.type === 'run.finished' ? `finished:${e.status}` : e.type);
      })();
      while ((await rt.store.counts(runId)).succeeded < 3) await new Promise((r) => setTimeout(r, 50));
      expect(await launcher.cancel(runId)).toBe(true);
      await launcher.waitUntilDone(runId);
      await reading;
      expect(events.at(-1)).toBe('finished:cancelled');
      expect((await rt.store.getRun(runId))?.status).toBe('cancelled');
      const counts = await rt.store.counts(runId);
      expect(counts.succeeded).toBeLessThan(PAGES);
      expect(counts.results).toBe(counts.succeeded * 20);
      expect((await findResumableRuns(rt.store)).map((r) => r.runId)).toEqual([runId]);
      expect(launcher.recentEvents(runId, 50).map((l) => l.event.type)).toContain('run.started');
    } finally {
      await rt.close();
    }
  }, 60_000);

  it('refuses to resume a run that does not exist, naming it', async () => {
    const launcher = new WorkerRunLauncher({ dbPath: join(userData, DATABASE_FILE), spawn: forkWorkers() });
    await expect(launcher.resume('no-such-run')).rejects.toThrow(/No run "no-such-run" to resume/);
    expect(launcher.isActive('no-such-run')).toBe(false);
  }, 30_000);
});
