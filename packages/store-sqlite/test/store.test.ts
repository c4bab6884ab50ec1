import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewRequest, NewResult } from '@scrapifie/engine';
import { parseRecipe } from '@scrapifie/recipe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteCrawlStore } from '../src/index.ts';

const recipe = parseRecipe({ version: 1, name: 'store test', start: { urls: ['https://example.com/'] }, page: { fields: { title: { css: 'h1' } } } });

function req(key: string, priority = 0, extra: Partial<NewRequest> = {}): NewRequest {
  return { key, url: `https://example.com/${key}`, specPath: 'page', depth: 0, priority, ...extra };
}

function row(key: string, data: Record<string, unknown> = { k: key }): NewResult {
  return { key, url: 'https://example.com/p', data, tier: 'http', attempts: 1 };
}

describe('SqliteCrawlStore', () => {
  let dir: string;
  let store: SqliteCrawlStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-store-'));
    store = openSqliteStore(join(dir, 'runs.db'));
    await store.createRun({ id: 'run-1', recipe, recipeHash: 'h1', status: 'running' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps runs with their recipe and summary, newest first', async () => {
    await store.createRun({ id: 'run-2', recipe, recipeHash: 'h2', status: 'queued' });
    const run = await store.getRun('run-1');
    expect(run?.recipe).toEqual(recipe);
    expect(run?.status).toBe('running');
    expect(run?.summary).toBeNull();
    expect(Date.parse(run?.createdAt ?? '')).not.toBeNaN();
    const summary = { runId: 'run-1', status: 'completed' as const, progress: { pagesDone: 1, pagesFailed: 0, pagesQueued: 0, pagesInFlight: 0, items: 2, bytes: 10, elapsedMs: 5, pagesPerSecond: 200, etaMs: 0, byTier: { http: 1, browser: 0, stealth: 0 } }, failures: {} };
    await store.setRunStatus('run-1', 'completed', summary);
    expect((await store.getRun('run-1'))?.summary).toEqual(summary);
    await store.setRunStatus('run-1', 'running');
    expect((await store.getRun('run-1'))?.summary).toEqual(summary);
    expect((await store.listRuns(10)).map((r) => r.id)).toEqual(['run-2', 'run-1']);
    expect(await store.getRun('nope')).toBeNull();
  });

  it('creates a run together with its first requests', async () => {
    await store.createRun({ id: 'run-3', recipe, recipeHash: 'h', status: 'running', requests: [req('s1'), req('s2'), req('s1')] });
    expect(await store.counts('run-3')).toMatchObject({ pending: 2 });
    await expect(store.createRun({ id: 'run-3', recipe, recipeHash: 'h', status: 'running', requests: [req('s3')] })).rejects.toThrow(/UNIQUE/);
    expect(await store.counts('run-3')).toMatchObject({ pending: 2 });
  });

  it('adds each request key once per run', async () => {
    expect(await store.addRequests('run-1', [req('a'), req('b'), req('a')])).toBe(2);
    expect(await store.addRequests('run-1', [req('b'), req('c')])).toBe(1);
    expect(await store.addRequests('run-1', [req('d'), req('e'), req('f')], { maxNew: 2 })).toBe(2);
    expect((await store.counts('run-1')).pending).toBe(5);
  });

  it('claims by priority then insertion, only when due, and never twice', async () => {
    await store.addRequests('run-1', [req('low1', 5), req('high1', 0), req('low2', 5), req('high2', 0), req('later', 0)]);
    const [later] = (await store.claimRequests('run-1', 100, 1000)).filter((r) => r.key === 'later');
    await store.releaseRequests('run-1', [], 0);
    await store.requeueInFlight('run-1');
    await store.failRequest('run-1', later!.id, { code: 'TIMEOUT', message: 'slow', retryAt: 5000 });

    const first = await store.claimRequests('run-1', 3, 1000);
    expect(first.map((r) => r.key)).toEqual(['high1', 'high2', 'low1']);
    const second = await store.claimRequests('run-1', 10, 1000);
    expect(second.map((r) => r.key)).toEqual(['low2']);
    expect(await store.nextDueAt('run-1')).toBe(5000);
    const due = await store.claimRequests('run-1', 10, 5000);
    expect(due.map((r) => [r.key, r.attempts])).toEqual([['later', 1]]);
    expect(await store.nextDueAt('run-1')).toBeNull();
    expect(await store.counts('run-1')).toMatchObject({ pending: 0, inFlight: 5 });
  });

  it('round-trips parent rows and page numbers', async () => {
    await store.addRequests('run-1', [req('x', 1, { parentRow: { title: 'T', n: 2 }, pageNumber: 7, depth: 3, specPath: 'page.follow[0].page' })]);
    const [r] = await store.claimRequests('run-1', 1, Date.now());
    expect(r).toMatchObject({ key: 'x', parentRow: { title: 'T', n: 2 }, pageNumber: 7, depth: 3, specPath: 'page.follow[0].page', priority: 1, attempts: 0, runId: 'run-1' });
  });

  it('completes a request in one idempotent transaction', async () => {
    await store.addRequests('run-1', [req('page1')]);
    const [r] = await store.claimRequests('run-1', 1, Date.now());
    const input = { rows: [row('i1'), row('i2')], newRequests: [req('page2'), req('item1', 1)] };
    expect(await store.completeRequest('run-1', r!.id, input)).toEqual({ rowsInserted: 2, requestsInserted: 2 });
    expect(await store.completeRequest('run-1', r!.id, input)).toEqual({ rowsInserted: 0, requestsInserted: 0 });
    expect(await store.counts('run-1')).toEqual({ pending: 2, inFlight: 0, succeeded: 1, failed: 0, results: 2 });
    const rows = await store.results('run-1', { limit: 10 });
    expect(rows.map((x) => [x.key, x.data])).toEqual([['i1', { k: 'i1' }], ['i2', { k: 'i2' }]]);
    expect(rows[0]).toMatchObject({ runId: 'run-1', tier: 'http', attempts: 1, url: 'https://example.com/p' });
  });

  it('rolls the whole completion back when any part fails', async () => {
    await store.addRequests('run-1', [req('page1')]);
    const [r] = await store.claimRequests('run-1', 1, Date.now());
    const bad = { key: 'bad', url: 'u', data: {}, tier: 'http', attempts: 1 } as NewResult;
    // A request whose URL is null violates NOT NULL after the first row went in: nothing must stay.
    const broken = { key: 'k', url: null, specPath: 'page', depth: 0, priority: 0 } as unknown as NewRequest;
    await expect(store.completeRequest('run-1', r!.id, { rows: [row('i1'), bad], newRequests: [broken] })).rejects.toThrow();
    expect(await store.counts('run-1')).toEqual({ pending: 0, inFlight: 1, succeeded: 0, failed: 0, results: 0 });
  });

  it('group-commits several completions, with one budget for the batch', async () => {
    await store.addRequests('run-1', [req('p1'), req('p2'), req('p3')]);
    const [a, b, c] = await store.claimRequests('run-1', 3, 0);
    const out = await store.completeRequests(
      'run-1',
      [
        { requestId: a!.id, rows: [row('a1'), row('a2')], newRequests: [req('n1')] },
        { requestId: b!.id, rows: [row('a2'), row('b1'), row('b2')], newRequests: [req('n1'), req('n2')] },
        { requestId: c!.id, rows: [row('c1')], newRequests: [req('n3')] },
      ],
      { maxNewRows: 4, maxNewRequests: 2 },
    );
    expect(out).toEqual([
      { rowsInserted: 2, requestsInserted: 1 },
      { rowsInserted: 2, requestsInserted: 1 },
      { rowsInserted: 0, requestsInserted: 0 },
    ]);
    expect(await store.counts('run-1')).toEqual({ pending: 2, inFlight: 0, succeeded: 3, failed: 0, results: 4 });
    expect(await store.completeRequests('run-1', [])).toEqual([]);
  });

  it('stops inserting at the row and request budgets', async () => {
    await store.addRequests('run-1', [req('p')]);
    const [r] = await store.claimRequests('run-1', 1, Date.now());
    const out = await store.completeRequest('run-1', r!.id, {
      rows: [row('a'), row('a'), row('b'), row('c')],
      newRequests: [req('q1'), req('q1'), req('q2'), req('q3')],
      maxNewRows: 2,
      maxNewRequests: 1,
    });
    expect(out).toEqual({ rowsInserted: 2, requestsInserted: 1 });
    expect((await store.results('run-1', { limit: 10 })).map((x) => x.key)).toEqual(['a', 'b']);
  });

  it('retries with attempts counted, fails for good without retryAt, and counts failures by code', async () => {
    await store.addRequests('run-1', [req('a'), req('b'), req('c')]);
    const [a, b, c] = await store.claimRequests('run-1', 3, 0);
    await store.failRequest('run-1', a!.id, { code: 'HTTP_ERROR', message: 'HTTP 503', retryAt: 10 });
    await store.failRequest('run-1', b!.id, { code: 'HTTP_ERROR', message: 'HTTP 404 Not Found' });
    await store.failRequest('run-1', c!.id, { code: 'ROBOTS_DISALLOWED', message: 'no' });
    expect(await store.counts('run-1')).toMatchObject({ pending: 1, failed: 2, inFlight: 0 });
    expect(await store.failureCounts('run-1')).toEqual({ HTTP_ERROR: 1, ROBOTS_DISALLOWED: 1 });
    expect(await store.claimRequests('run-1', 5, 9)).toEqual([]);
    const [again] = await store.claimRequests('run-1', 5, 10);
    expect(again).toMatchObject({ key: 'a', attempts: 1 });
  });

  it('puts in-flight requests back after a crash, and released ones with their due time', async () => {
    await store.addRequests('run-1', [req('a'), req('b'), req('c')]);
    const claimed = await store.claimRequests('run-1', 3, 0);
    expect(await store.requeueInFlight('run-1')).toBe(3);
    expect(await store.requeueInFlight('run-1')).toBe(0);
    const again = await store.claimRequests('run-1', 3, 0);
    expect(again.map((r) => r.id)).toEqual(claimed.map((r) => r.id));
    expect(again.every((r) => r.attempts === 0)).toBe(true);
    await store.releaseRequests('run-1', [again[0]!.id, again[1]!.id], 500);
    expect(await store.nextDueAt('run-1')).toBe(500);
    expect(await store.claimRequests('run-1', 3, 499)).toEqual([]);
    expect((await store.claimRequests('run-1', 3, 500)).map((r) => r.key)).toEqual(['a', 'b']);
  });

  it('pages through results in insertion order', async () => {
    await store.addRequests('run-1', [req('p')]);
    const [r] = await store.claimRequests('run-1', 1, 0);
    await store.completeRequest('run-1', r!.id, { rows: Array.from({ length: 25 }, (_, i) => row(`r${i}`, { i })), newRequests: [] });
    const seen: number[] = [];
    let afterSeq: number | undefined;
    for (;;) {
      const page = await store.results('run-1', { afterSeq, limit: 10 });
      if (!page.length) break;
      seen.push(...page.map((x) => x.data.i as number));
      afterSeq = page.at(-1)!.seq;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('keeps runs apart and cascades nothing across them', async () => {
    await store.createRun({ id: 'run-2', recipe, recipeHash: 'h', status: 'running' });
    await store.addRequests('run-1', [req('same')]);
    expect(await store.addRequests('run-2', [req('same')])).toBe(1);
    expect((await store.claimRequests('run-2', 5, 0)).map((r) => r.runId)).toEqual(['run-2']);
    expect((await store.counts('run-1')).pending).toBe(1);
    await expect(store.addRequests('no-such-run', [req('x')])).rejects.toThrow(/FOREIGN KEY/);
  });
});
