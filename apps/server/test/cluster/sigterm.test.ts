import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterEnv, listingRecipe, openTestRuntime, resultSet, startNode, stop, waitForFinal, type WorkerProcess } from './harness.ts';

const PAGES = 60;

describe('cluster: a worker stopped with SIGTERM', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite({ pages: PAGES });
  });
  afterAll(async () => {
    await site?.close();
  });

  it('finishes its in-flight fetches, hands the rest of its batches back, and another worker completes the run', async () => {
    // Long leases: only a graceful hand-back (not lease expiry) can free the claimed requests in time.
    const env = clusterEnv({ SCRAPIFIE_LEASE_MS: '60000', SCRAPIFIE_STALE_MS: '60000', SCRAPIFIE_LOCK_MS: '30000' });
    const rt = await openTestRuntime(env);
    const workers: WorkerProcess[] = [];
    try {
      const first = await startNode(env);
      workers.push(first);
      const runId = await rt.executor.submit({ recipe: listingRecipe(`${site.url}/list/1`, { requests: 8, perSeconds: 1 }) });
      while ((await rt.store.counts(runId)).succeeded < 5) await new Promise((r) => setTimeout(r, 100));
      const t0 = Date.now();
      expect(await stop(first, 'SIGTERM')).toBe(0);
      // Within the lock duration, and nothing left claimed by the stopped worker.
      expect(Date.now() - t0).toBeLessThan(30_000);
      expect(first.output()).toMatch(/worker stopped/);
      const after = await rt.store.counts(runId);
      expect(after.inFlight).toBe(0);
      expect(after.succeeded).toBeLessThan(PAGES);
      workers.push(await startNode(env));
      expect(await waitForFinal(rt, runId, 90_000)).toBe('completed');
      expect((await resultSet(rt.store, runId)).length).toBe(PAGES * 20);
    } finally {
      await Promise.all(workers.map((w) => stop(w)));
      await rt.close();
    }
  }, 150_000);
});
