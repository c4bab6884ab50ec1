/**
 * A JS-rendered site crawled by the desktop's crawl worker (a forked process, as Electron's utilityProcess runs it):
 * the worker has the browser tier (real Chromium), so recipes designed on the desktop for such pages run there too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRecipe } from '@scrapifie/recipe';
import { openSqliteStore } from '@scrapifie/store-sqlite';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkWorkers } from '../src/worker/fork-worker.ts';
import { WorkerRunLauncher } from '../src/worker/worker-launcher.ts';

describe('the desktop crawl worker on the browser tier', () => {
  let site: TestSite;
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-desktop-browser-'));
  beforeAll(async () => {
    site = await startTestSite({ pages: 2 });
  });
  afterAll(async () => {
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders the JS-built listings in Chromium and stores exactly their rows', async () => {
    const dbPath = join(dir, 'scrapifie.sqlite');
    const store = openSqliteStore(dbPath); // creates the schema, as the desktop runtime does before any run
    const launcher = new WorkerRunLauncher({ dbPath, spawn: forkWorkers() });
    try {
      const recipe = parseRecipe({
        version: 1,
        name: 'js listings',
        start: { urls: [`${site.url}/js/list/1`, `${site.url}/js/list/2`] },
        fetch: { mode: 'browser', timeoutMs: 30_000, browser: { waitForSelector: 'article.product' } },
        page: { items: { css: 'article.product', fields: { title: { css: 'h2 a', transforms: ['trim'] } } } },
      });
      const { runId } = await launcher.start({ recipe });
      await launcher.waitUntilDone(runId, AbortSignal.timeout(90_000));
      const run = await store.getRun(runId);
      expect(run?.status).toBe('completed');
      expect(run?.summary?.progress.byTier).toMatchObject({ browser: 2, http: 0 });
      const rows = await store.results(runId, { limit: 100 });
      const truth = [1, 2].flatMap((p) => site.truth.listing(p).map((i) => i.title));
      expect(rows.map((r) => (r.data as { title: string }).title).sort()).toEqual(truth.sort());
    } finally {
      await launcher.close();
      await store.close();
    }
  }, 120_000);
});
