import { ClusterExecutor, QueueFullError } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterEnv, listingRecipe, openTestRuntime, waitForFinal } from './harness.ts';

describe('cluster executor (in-process worker on Postgres + BullMQ)', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite({ pages: 200 });
  });
  afterAll(async () => {
    await site?.close();
  });

  it('refuses a run past the max queue depth with a clear error', async () => {
    const rt = await openTestRuntime(clusterEnv());
    try {
      const small = new ClusterExecutor({ store: rt.store, cluster: rt.cluster, queue: rt.queue, maxQueueDepth: 1 });
      await small.submit({ recipe: listingRecipe(`${site.url}/list/1`, { requests: 5, perSeconds: 1 }) });
      const e = await small.submit({ recipe: listingRecipe(`${site.url}/list/2`, { requests: 5, perSeconds: 1 }) }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(QueueFullError);
      expect((e as Error).message).toMatch(/queue holds 1 open requests.*limit of 1 \(maxQueueDepth\)/);
    } finally {
      await rt.close();
    }
  });

  it('cancel stops new fetches within seconds and the run ends cancelled', async () => {
    const rt = await openTestRuntime(clusterEnv());
    const http = new HttpFetcher();
    const worker = new ClusterExecutor({ store: rt.store, cluster: rt.cluster, queue: rt.queue, fetchers: { http }, lanes: 2 });
    const consumers = worker.consume(['scrape:http'], 2);
    try {
      const runId = await rt.executor.submit({ recipe: listingRecipe(`${site.url}/list/1`, { requests: 10, perSeconds: 1 }) });
      while ((await rt.store.counts(runId)).succeeded < 3) await new Promise((r) => setTimeout(r, 50));
      expect(await rt.executor.cancel(runId)).toBe(true);
      await new Promise((r) => setTimeout(r, 3000));
      const settled = site.hits('/list/');
      await new Promise((r) => setTimeout(r, 2000));
      expect(site.hits('/list/')).toBe(settled);
      expect(await waitForFinal(rt, runId, 5000)).toBe('cancelled');
      const c = await rt.store.counts(runId);
      expect(c.inFlight).toBe(0);
      expect(c.succeeded).toBeLessThan(200);
    } finally {
      await Promise.all(consumers.map((c) => c.close({ abort: true })));
      await http.close();
      await rt.close();
    }
  }, 60_000);
});
