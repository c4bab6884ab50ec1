import type { NewRequest, NewResult } from '@scrapifie/engine';
import { expect, it } from 'vitest';
import { req, row, type StoreContext } from './fixtures.ts';

/** describeStore's cases for completing, failing and releasing requests, and reading rows back. */
export function completionCases(ctx: StoreContext): void {
  it('completes a request in one idempotent transaction', async () => {
    const { store, runId } = ctx;
    await store.addRequests(runId, [req('page1')]);
    const [r] = await store.claimRequests(runId, 1, Date.now());
    const input = { rows: [row('i1'), row('i2')], newRequests: [req('page2'), req('item1', 1)] };
    expect(await store.completeRequest(runId, r!.id, input)).toEqual({ rowsInserted: 2, requestsInserted: 2 });
    // At-least-once delivery: the same page completed again adds nothing.
    expect(await store.completeRequest(runId, r!.id, input)).toEqual({ rowsInserted: 0, requestsInserted: 0 });
    expect(await store.counts(runId)).toEqual({ pending: 2, inFlight: 0, succeeded: 1, failed: 0, results: 2 });
    const rows = await store.results(runId, { limit: 10 });
    expect(rows.map((x) => [x.key, x.data])).toEqual([['i1', { k: 'i1' }], ['i2', { k: 'i2' }]]);
    expect(rows[0]).toMatchObject({ runId, tier: 'http', attempts: 1, url: 'https://example.com/p' });
    expect(Date.parse(rows[0]!.fetchedAt)).not.toBeNaN();
  });

  it('rolls the whole completion back when any part fails', async () => {
    const { store, runId } = ctx;
    await store.addRequests(runId, [req('page1')]);
    const [r] = await store.claimRequests(runId, 1, Date.now());
    // A request whose URL is null violates NOT NULL after the rows went in: nothing must stay.
    const broken = { key: 'k', url: null, specPath: 'page', depth: 0, priority: 0 } as unknown as NewRequest;
    await expect(store.completeRequest(runId, r!.id, { rows: [row('i1'), row('i2')], newRequests: [req('ok'), broken] })).rejects.toThrow();
    expect(await store.counts(runId)).toEqual({ pending: 0, inFlight: 1, succeeded: 0, failed: 0, results: 0 });
    const badRow = { key: 'b', url: 'u', data: {}, tier: null, attempts: 1 } as unknown as NewResult;
    await expect(store.completeRequests(runId, [{ requestId: r!.id, rows: [row('i1'), badRow], newRequests: [req('ok')] }])).rejects.toThrow();
    expect(await store.counts(runId)).toEqual({ pending: 0, inFlight: 1, succeeded: 0, failed: 0, results: 0 });
  });

  it('group-commits several completions, with one budget for the batch', async () => {
    const { store, runId } = ctx;
    await store.addRequests(runId, [req('p1'), req('p2'), req('p3')]);
    const [a, b, c] = await store.claimRequests(runId, 3, 0);
    const out = await store.completeRequests(
      runId,
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
    expect(await store.counts(runId)).toEqual({ pending: 2, inFlight: 0, succeeded: 3, failed: 0, results: 4 });
    expect((await store.results(runId, { limit: 10 })).map((x) => x.key)).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(await store.completeRequests(runId, [])).toEqual([]);
  });

  it('counts only new keys against the budgets', async () => {
    const { store, runId } = ctx;
    await store.addRequests(runId, [req('p'), req('q1')]);
    const [r] = await store.claimRequests(runId, 1, Date.now());
    const out = await store.completeRequest(runId, r!.id, {
      rows: [row('a'), row('a'), row('b'), row('c')],
      newRequests: [req('q1'), req('q1'), req('q2'), req('q3')],
      maxNewRows: 2,
      maxNewRequests: 1,
    });
    expect(out).toEqual({ rowsInserted: 2, requestsInserted: 1 });
    expect((await store.results(runId, { limit: 10 })).map((x) => x.key)).toEqual(['a', 'b']);
    expect((await store.claimRequests(runId, 10, Date.now())).map((x) => x.key)).toEqual(['q1', 'q2']);
  });

  it('retries with attempts counted, fails for good without retryAt, and counts failures by code', async () => {
    const { store, runId } = ctx;
    await store.addRequests(runId, [req('a'), req('b'), req('c')]);
    const [a, b, c] = await store.claimRequests(runId, 3, 0);
    await store.failRequest(runId, a!.id, { code: 'HTTP_ERROR', message: 'HTTP 503', retryAt: 10 });
    await store.failRequest(runId, b!.id, { code: 'HTTP_ERROR', message: 'HTTP 404 Not Found' });
    await store.failRequest(runId, c!.id, { code: 'ROBOTS_DISALLOWED', message: 'no' });
    expect(await store.counts(runId)).toMatchObject({ pending: 1, failed: 2, inFlight: 0 });
    expect(await store.failureCounts(runId)).toEqual({ HTTP_ERROR: 1, ROBOTS_DISALLOWED: 1 });
    expect(await store.claimRequests(runId, 5, 9)).toEqual([]);
    const [again] = await store.claimRequests(runId, 5, 10);
    expect(again).toMatchObject({ key: 'a', attempts: 1 });
    await store.failRequest(runId, again!.id, { code: 'TIMEOUT', message: 'slow', retryAt: 20.6 });
    expect(await store.nextDueAt(runId)).toBe(21);
    const [third] = await store.claimRequests(runId, 5, 21);
    expect(third).toMatchObject({ key: 'a', attempts: 2 });
    await store.completeRequest(runId, third!.id, { rows: [], newRequests: [] });
    expect(await store.counts(runId)).toMatchObject({ pending: 0, succeeded: 1, failed: 2 });
    expect(await store.failureCounts(runId)).toEqual({ HTTP_ERROR: 1, ROBOTS_DISALLOWED: 1 });
  });

  it('puts in-flight requests back after a crash, and released ones with their due time', async () => {
    const { store, runId } = ctx;
    await store.addRequests(runId, [req('a'), req('b'), req('c')]);
    const claimed = await store.claimRequests(runId, 3, 0);
    expect(await store.requeueInFlight(runId)).toBe(3);
    expect(await store.requeueInFlight(runId)).toBe(0);
    const again = await store.claimRequests(runId, 3, 0);
    expect(again.map((r) => r.id)).toEqual(claimed.map((r) => r.id));
    expect(again.every((r) => r.attempts === 0)).toBe(true);
    await store.releaseRequests(runId, [again[0]!.id, again[1]!.id], 500);
    expect(await store.nextDueAt(runId)).toBe(500);
    expect(await store.claimRequests(runId, 3, 499)).toEqual([]);
    expect((await store.claimRequests(runId, 3, 500)).map((r) => r.key)).toEqual(['a', 'b']);
    // Releasing a request that is not in flight changes nothing.
    await store.completeRequest(runId, again[2]!.id, { rows: [], newRequests: [] });
    await store.releaseRequests(runId, [again[2]!.id]);
    expect(await store.counts(runId)).toMatchObject({ pending: 0, inFlight: 2, succeeded: 1 });
  });

  it('pages through results in insertion order', async () => {
    const { store, runId } = ctx;
    await store.addRequests(runId, [req('p'), req('q')]);
    const [p, q] = await store.claimRequests(runId, 2, 0);
    await store.completeRequest(runId, p!.id, { rows: Array.from({ length: 25 }, (_, i) => row(`r${i}`, { i })), newRequests: [] });
    await store.completeRequest(runId, q!.id, { rows: Array.from({ length: 5 }, (_, i) => row(`s${i}`, { i: 25 + i })), newRequests: [] });
    const seen: number[] = [];
    let afterSeq: number | undefined;
    for (;;) {
      const page = await store.results(runId, { afterSeq, limit: 10 });
      if (!page.length) break;
      expect(page.length).toBeLessThanOrEqual(10);
      seen.push(...page.map((x) => x.data.i as number));
      afterSeq = page.at(-1)!.seq;
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
}
