import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCrawl } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { openSqliteStore } from '@scrapifie/store-sqlite';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterRuntime } from '../../src/cluster/runtime.ts';
import { clusterEnv, listingRecipe, openTestRuntime, resultSet, startNode, stop, waitForFinal, type WorkerProcess } from './harness.ts';

const PAGES = 150;
const RATE = { requests: 15, perSeconds: 1 };

describe('cluster: kill -9 workers during a crawl', () => {
  let site: TestSite;
  let baseline: string[];
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-kill-'));

  beforeAll(async () => {
    site = await startTestSite({ pages: PAGES });
    // The uninterrupted run: the same recipe with the single-process engine.
    const store = openSqliteStore(join(dir, 'baseline.sqlite'));
    const http = new HttpFetcher();
    const summary = await runCrawl({ recipe: listingRecipe(`${site.url}/list/1`, { requests: 1000, perSeconds: 1 }), store, fetchers: { http } });
    expect(summary.status).toBe('completed');
    baseline = await resultSet(store, summary.runId);
    await http.close();
    await store.close();
  });
  afterAll(async () => {
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no request, duplicates no row, and ends with the uninterrupted result set', async () => {
    expect(baseline.length).toBe(PAGES * 20);
    const env = clusterEnv();
    const rt: ClusterRuntime = await openTestRuntime(env);
    const workers: WorkerProcess[] = [];
    try {
      workers.push(await startNode(env), await startNode(env));
      const runId = await rt.executor.submit({ recipe: listingRecipe(`${site.url}/list/1`, RATE) });
      let kills = 0;
      const starting: Promise<WorkerProcess>[] = [];
      // Kill a random worker at a random moment, five times, starting a fresh one each time (without waiting for it).
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 400 + Math.random() * 1200));
        const run = await rt.store.getRun(runId);
        if (run?.status !== 'running' && run?.status !== 'queued') throw new Error(`the run ended (${run?.status}) before kill ${i + 1}: make the crawl longer`);
        if (workers.length === 0) workers.push(await starting.shift()!);
        const victim = workers.splice(Math.floor(Math.random() * workers.length), 1)[0]!;
        expect(await stop(victim, 'SIGKILL')).toBe('SIGKILL');
        kills++;
        starting.push(startNode(env));
      }
      workers.push(...(await Promise.all(starting)));
      expect(kills).toBe(5);
      expect(await waitForFinal(rt, runId, 90_000)).toBe('completed');
      const counts = await rt.store.counts(runId);
      expect(counts).toMatchObject({ pending: 0, inFlight: 0, failed: 0 });
      // Every request ended succeeded, or failed with a reason.
      const unexplained = await sql<{ n: string }>`SELECT count(*) AS n FROM requests WHERE run_id = ${runId} AND NOT (status = 'succeeded' OR (status = 'failed' AND error_code IS NOT NULL))`.execute(rt.store.db);
      expect(Number(unexplained.rows[0]!.n)).toBe(0);
      const rows = await resultSet(rt.store, runId);
      expect(rows.length).toBe(baseline.length);
      expect(new Set(rows).size).toBe(rows.length);
      expect(rows).toEqual(baseline);
    } finally {
      await Promise.all(workers.map((w) => stop(w)));
      await rt.close();
    }
  }, 150_000);
});
