import { createServer } from 'node:net';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisOn, clusterEnv, listingRecipe, openTestRuntime, resultSet, startNode, stop, waitForFinal, type WorkerProcess } from './harness.ts';

const PAGES = 100;

describe('cluster: Redis restarts in the middle of a run', () => {
  let site: TestSite;
  let redis: { url: string; stop: () => Promise<void> };
  let port: number;

  beforeAll(async () => {
    site = await startTestSite({ pages: PAGES });
    // Its own redis-server (without persistence), never the shared one: the restart loses every queued job.
    port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    redis = await startRedisOn(port);
  });
  afterAll(async () => {
    await redis?.stop();
    await site?.close();
  });

  it('completes the run: the reconciler re-enqueues what Postgres still shows pending', async () => {
    const env = clusterEnv({ REDIS_URL: redis.url });
    const rt = await openTestRuntime(env);
    const workers: WorkerProcess[] = [];
    try {
      workers.push(await startNode(env), await startNode(env));
      const runId = await rt.executor.submit({ recipe: listingRecipe(`${site.url}/list/1`, { requests: 12, perSeconds: 1 }) });
      const deadline = Date.now() + 60_000;
      while ((await rt.store.counts(runId)).succeeded < 15) {
        if (Date.now() > deadline) throw new Error('the run made no progress before the restart');
        await new Promise((r) => setTimeout(r, 100));
      }
      // kill -9: the server and every key it held are gone.
      await redis.stop();
      const before = await rt.store.counts(runId);
      expect(before.pending + before.inFlight).toBeGreaterThan(0);
      redis = await startRedisOn(port);
      expect(await waitForFinal(rt, runId, 120_000)).toBe('completed');
      const rows = await resultSet(rt.store, runId);
      expect(rows.length).toBe(PAGES * 20);
      expect(new Set(rows).size).toBe(rows.length);
      expect(await rt.store.counts(runId)).toMatchObject({ pending: 0, inFlight: 0, failed: 0, succeeded: PAGES + 0 });
    } finally {
      await Promise.all(workers.map((w) => stop(w)));
      await rt.close();
    }
  }, 200_000);
});
