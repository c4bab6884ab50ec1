import { ClusterExecutor } from '@scrapifie/engine';
import { ClusterRunLauncher } from '@scrapifie/api';
import { HttpFetcher } from '@scrapifie/fetch-http';
import type { RunEvent } from '@scrapifie/recipe';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterEnv, listingRecipe, openTestRuntime, resultSet } from './harness.ts';

// The API's launcher on the team server: runs go to BullMQ + Postgres, a worker (here in this process, on its own
// executor, as a worker node would be) crawls them, and the launcher follows them through the record.
describe('ClusterRunLauncher (real Postgres, Redis, worker)', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite({ pages: 6 });
  });
  afterAll(async () => {
    await site?.close();
  });

  it('starts a run on the cluster, streams its progress, ends with run.finished and the rows in the record; cancels another', async () => {
    const rt = await openTestRuntime(clusterEnv());
    const http = new HttpFetcher();
    const worker = new ClusterExecutor({ store: rt.store, cluster: rt.cluster, queue: rt.queue, fetchers: { http }, lanes: 2 });
    const consumers = worker.consume(['scrape:http'], 2);
    const launcher = new ClusterRunLauncher({ store: rt.store, executor: rt.executor, pollMs: 100 });
    try {
      const { runId } = await launcher.start({ recipe: listingRecipe(`${site.url}/list/1`, { requests: 50, perSeconds: 1 }) });
      expect(launcher.isActive(runId)).toBe(true);
      const events: RunEvent[] = [];
      for await (const e of launcher.subscribe(runId, AbortSignal.timeout(60_000))) events.push(e);
      const finished = events.at(-1);
      expect(finished).toMatchObject({ type: 'run.finished', runId, status: 'completed' });
      expect(finished?.type === 'run.finished' && finished.progress.pagesDone).toBe(6);
      expect(events.some((e) => e.type === 'progress')).toBe(true);
      expect(launcher.isActive(runId)).toBe(false);
      expect(launcher.recentEvents(runId, 10).map((l) => l.event.type)).toEqual(['run.started', 'run.finished']);
      expect(await resultSet(rt.store, runId)).toHaveLength(6 * 20);
      await launcher.waitUntilDone(runId); // at once for a finished run

      const slow = await launcher.start({ recipe: listingRecipe(`${site.url}/list/1`, { requests: 1, perSeconds: 2 }) });
      while ((await rt.store.counts(slow.runId)).succeeded < 1) await new Promise((r) => setTimeout(r, 50));
      expect(await launcher.cancel(slow.runId)).toBe(true);
      await launcher.waitUntilDone(slow.runId, AbortSignal.timeout(10_000));
      expect((await rt.store.getRun(slow.runId))?.status).toBe('cancelled');
      expect(launcher.isActive(slow.runId)).toBe(false);
      expect(await launcher.cancel(slow.runId)).toBe(false);
      expect(await launcher.cancel('00000000-0000-4000-8000-000000000000')).toBe(false);

      // A one-off scrape brings its own evaluator: it cannot travel to a worker, and this launcher has no local tier.
      const evaluate = (() => []) as never;
      await expect(launcher.start({ recipe: listingRecipe(`${site.url}/list/1`, { requests: 5, perSeconds: 1 }), evaluate })).rejects.toThrow(/no local fetchers/);
    } finally {
      await launcher.close();
      await Promise.all(consumers.map((c) => c.close({ abort: true })));
      await http.close();
      await rt.close();
    }
  }, 90_000);
});
