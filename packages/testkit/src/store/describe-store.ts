import { randomUUID } from 'node:crypto';
import type { CrawlStore, RunSummary } from '@scrapifie/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { completionCases } from './completion-cases.ts';
import { tierCases } from './tier-cases.ts';
import { req, storeRecipe as recipe, type StoreContext, type StoreFactory } from './fixtures.ts';

/**
 * The CrawlStore conformance suite: every adapter runs it against its real database.
 * Run ids are UUIDs (the engine makes them with randomUUID).
 */
export function describeStore(name: string, factory: StoreFactory): void {
  describe(`CrawlStore conformance: ${name}`, () => {
    const ctx = { extra: [] } as unknown as StoreContext;
    beforeEach(async () => {
      Object.assign(ctx, { fixture: undefined, store: undefined, extra: [] });
      ctx.fixture = await factory();
      ctx.store = ctx.fixture.store;
      ctx.runId = randomUUID();
      ctx.extra = [];
      await ctx.store.createRun({ id: ctx.runId, recipe, recipeHash: 'h1', status: 'running' });
    });
    afterEach(async () => {
      for (const s of ctx.extra) await s.close();
      await ctx.store?.close();
      await ctx.fixture?.cleanup();
    });

    it('keeps runs with their recipe and summary, newest first', async () => {
      const { store, runId } = ctx;
      const second = randomUUID();
      await store.createRun({ id: second, recipe, recipeHash: 'h2', status: 'queued' });
      const run = await store.getRun(runId);
      expect(run?.recipe).toEqual(recipe);
      expect(run?.status).toBe('running');
      expect(run?.recipeHash).toBe('h1');
      expect(run?.summary).toBeNull();
      expect(Date.parse(run?.createdAt ?? '')).not.toBeNaN();
      const summary: RunSummary = {
        runId,
        status: 'completed',
        progress: { pagesDone: 1, pagesFailed: 0, pagesQueued: 0, pagesInFlight: 0, items: 2, bytes: 10, elapsedMs: 5, pagesPerSecond: 200, etaMs: 0, byTier: { http: 1, browser: 0, stealth: 0 } },
        failures: {},
      };
      await store.setRunStatus(runId, 'completed', summary);
      expect((await store.getRun(runId))?.summary).toEqual(summary);
      await store.setRunStatus(runId, 'running');
      expect(await store.getRun(runId)).toMatchObject({ status: 'running', summary });
      expect((await store.listRuns(10)).map((r) => r.id)).toEqual([second, runId]);
      expect((await store.listRuns(1)).map((r) => r.id)).toEqual([second]);
      expect(await store.getRun(randomUUID())).toBeNull();
      expect(await store.getRun('not-a-run-id')).toBeNull();
    });

    it('keeps the key order of recipes and rows', async () => {
      const { store, runId } = ctx;
      await store.addRequests(runId, [req('p')]);
      const [r] = await store.claimRequests(runId, 1, 0);
      const data = { zeta: 1, alpha: { y: 2, b: 3 }, mid: [3, 1] };
      await store.completeRequest(runId, r!.id, { rows: [{ key: 'x', url: 'u', data, tier: 'browser', attempts: 2 }], newRequests: [] });
      const [stored] = await store.results(runId, { limit: 1 });
      expect(JSON.stringify(stored?.data)).toBe(JSON.stringify(data));
      expect(stored).toMatchObject({ tier: 'browser', attempts: 2, url: 'u', runId });
      expect(Object.keys((await store.getRun(runId))!.recipe)).toEqual(Object.keys(recipe));
    });

    it('creates a run together with its first requests, atomically', async () => {
      const { store } = ctx;
      const id = randomUUID();
      await store.createRun({ id, recipe, recipeHash: 'h', status: 'running', requests: [req('s1'), req('s2'), req('s1')] });
      expect(await store.counts(id)).toMatchObject({ pending: 2 });
      await expect(store.createRun({ id, recipe, recipeHash: 'h', status: 'running', requests: [req('s3')] })).rejects.toThrow(/unique|duplicate/i);
      expect(await store.counts(id)).toMatchObject({ pending: 2 });
    });

    it('adds each request key once per run, within maxNew', async () => {
      const { store, runId } = ctx;
      expect(await store.addRequests(runId, [req('a'), req('b'), req('a')])).toBe(2);
      expect(await store.addRequests(runId, [req('b'), req('c')])).toBe(1);
      expect(await store.addRequests(runId, [req('d'), req('e'), req('f')], { maxNew: 2 })).toBe(2);
      expect(await store.addRequests(runId, [req('a'), req('g'), req('h')], { maxNew: 1 })).toBe(1);
      expect(await store.addRequests(runId, [])).toBe(0);
      expect((await store.counts(runId)).pending).toBe(6);
      const keys = (await store.claimRequests(runId, 100, 0)).map((r) => r.key);
      expect(keys).toEqual(['a', 'b', 'c', 'd', 'e', 'g']);
    });

    it('claims by priority then insertion, only when due, and never twice', async () => {
      const { store, runId } = ctx;
      await store.addRequests(runId, [req('low1', 5), req('high1', 0), req('low2', 5), req('high2', 0), req('later', 0)]);
      const [later] = (await store.claimRequests(runId, 100, 1000)).filter((r) => r.key === 'later');
      await store.releaseRequests(runId, [], 0);
      expect(await store.requeueInFlight(runId)).toBe(5);
      await store.failRequest(runId, later!.id, { code: 'TIMEOUT', message: 'slow', retryAt: 5000 });

      expect(await store.claimRequests(runId, 0, 1000)).toEqual([]);
      const first = await store.claimRequests(runId, 3, 1000);
      expect(first.map((r) => r.key)).toEqual(['high1', 'high2', 'low1']);
      const second = await store.claimRequests(runId, 10, 1000);
      expect(second.map((r) => r.key)).toEqual(['low2']);
      expect(await store.nextDueAt(runId)).toBe(5000);
      const due = await store.claimRequests(runId, 10, 5000);
      expect(due.map((r) => [r.key, r.attempts])).toEqual([['later', 1]]);
      expect(await store.nextDueAt(runId)).toBeNull();
      expect(await store.counts(runId)).toMatchObject({ pending: 0, inFlight: 5 });
    });

    it('round-trips parent rows, page numbers, depth and spec paths', async () => {
      const { store, runId } = ctx;
      await store.addRequests(runId, [req('x', 1, { parentRow: { title: 'T', n: 2 }, pageNumber: 7, depth: 3, specPath: 'page.follow[0].page' }), req('y')]);
      const [y, x] = await store.claimRequests(runId, 2, Date.now());
      expect(x).toEqual({ id: x!.id, runId, key: 'x', url: 'https://example.com/x', parentRow: { title: 'T', n: 2 }, pageNumber: 7, depth: 3, specPath: 'page.follow[0].page', priority: 1, attempts: 0 });
      expect(y).toMatchObject({ key: 'y', parentRow: undefined, pageNumber: undefined });
      expect(typeof x!.id).toBe('number');
    });

    it('two handles claiming at once never get the same request', async () => {
      const { store, runId, fixture } = ctx;
      const other = await fixture.connect();
      ctx.extra.push(other);
      await store.addRequests(runId, Array.from({ length: 200 }, (_, i) => req(`r${i}`, i % 3)));
      const seen: number[] = [];
      const drain = async (s: CrawlStore): Promise<void> => {
        for (;;) {
          const got = await s.claimRequests(runId, 7, Date.now());
          if (!got.length) return;
          seen.push(...got.map((r) => r.id));
        }
      };
      await Promise.all([drain(store), drain(other), drain(store), drain(other)]);
      expect(seen.length).toBe(200);
      expect(new Set(seen).size).toBe(200);
      expect(await other.counts(runId)).toMatchObject({ pending: 0, inFlight: 200 });
    });

    it('keeps runs apart', async () => {
      const { store, runId } = ctx;
      const other = randomUUID();
      await store.createRun({ id: other, recipe, recipeHash: 'h', status: 'running' });
      await store.addRequests(runId, [req('same')]);
      expect(await store.addRequests(other, [req('same')])).toBe(1);
      expect((await store.claimRequests(other, 5, 0)).map((r) => r.runId)).toEqual([other]);
      expect((await store.counts(runId)).pending).toBe(1);
      expect(await store.counts(randomUUID())).toEqual({ pending: 0, inFlight: 0, succeeded: 0, failed: 0, results: 0 });
      await expect(store.addRequests(randomUUID(), [req('x')])).rejects.toThrow(/foreign key/i);
    });

    completionCases(ctx);
    tierCases(ctx);
  });
}
