import { randomUUID } from 'node:crypto';
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

  it("reads a run's frontier in one look: the next pending request's due time and the requests in flight, not the finished ones", async () => {
    const rt = await openTestRuntime(clusterEnv());
    try {
      const runId = randomUUID();
      const req = (k: string) => ({ key: k, url: `${site.url}/list/${k}`, specPath: 'page', depth: 0, priority: 0 });
      await rt.store.createRun({ id: runId, recipe: listingRecipe(`${site.url}/list/1`, { requests: 5, perSeconds: 1 }), recipeHash: 'h', status: 'running', requests: ['1', '2', '3', '4'].map(req) });
      const claimed = await rt.store.claimRequests(runId, 4, Date.now());
      expect(await rt.cluster.frontier(runId)).toEqual({ nextDueAt: null, inFlight: 4 });
      const [a, b, c] = claimed.map((r) => r.id) as [number, number, number];
      await rt.store.completeRequests(runId, [{ requestId: a, rows: [{ key: 'x', url: 'u', data: { n: 1 }, tier: 'http', attempts: 1 }], newRequests: [req('5')] }]);
      await rt.store.releaseRequests(runId, [b], 4_000_000_000_000);
      await rt.store.failRequest(runId, c, { code: 'HTTP_ERROR', message: 'gone' });
      const f = await rt.cluster.frontier(runId);
      expect(f.inFlight).toBe(1);
      expect(f.nextDueAt).toBeLessThanOrEqual(Date.now()); // request 5, due at once
      await rt.store.claimRequests(runId, 1, Date.now());
      expect(await rt.cluster.frontier(runId)).toEqual({ nextDueAt: 4_000_000_000_000, inFlight: 2 });
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
