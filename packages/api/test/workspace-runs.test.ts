import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageMeterOf } from '../src/metering/meter.ts';
import { call, listingRecipe } from './helpers.ts';
import { startLimitsStack, type LimitsStack } from './limits-stack.ts';

const month = (): string => new Date().toISOString().slice(0, 7);

/** The API code a caller's rejection carries (the ApiError/ScrapifieError behind the TRPCError). */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as { code: string; cause?: { code?: string } };
    return err.cause?.code ?? err.code;
  }
  throw new Error('expected the call to fail');
}

describe('runs are scoped to the workspace that started them', () => {
  let s: LimitsStack;
  let runId: string;
  let taskId: string;
  beforeAll(async () => {
    s = await startLimitsStack({ server: true, extra: { rateLimits: false } });
    ({ runId } = await s.a.caller.runs.start({ recipe: listingRecipe(s.stack.site) as never }));
    ({ taskId } = await s.a.caller.scrape.start({ url: `${s.stack.site.url}/list/1` }));
    await s.stack.launcher.waitUntilDone(runId);
    await s.stack.launcher.waitUntilDone(taskId);
    await usageMeterOf(s.services)!.idle();
  });
  afterAll(() => s?.close());

  it('shows the run to its workspace', async () => {
    expect((await s.a.caller.runs.status({ runId })).status).toBe('completed');
    expect((await s.a.caller.runs.list({})).runs.map((r) => r.runId)).toEqual([taskId, runId]);
    expect((await s.a.caller.results.page({ runId, limit: 100 })).items).toHaveLength(60);
    expect((await s.a.caller.scrape.task({ taskId })).status).toBe('completed');
  });

  it('answers NOT_FOUND to another workspace for every run procedure, as for a run that does not exist', async () => {
    const b = s.b.caller;
    expect((await b.runs.list({})).runs).toEqual([]);
    const refusals = await Promise.all([
      codeOf(b.runs.status({ runId })),
      codeOf(b.runs.logs({ runId })),
      codeOf(b.runs.cancel({ runId })),
      codeOf(b.results.page({ runId })),
      codeOf(b.scrape.job({ jobId: runId })),
      codeOf(b.scrape.jobResults({ jobId: runId })),
      codeOf(b.scrape.cancelJob({ jobId: runId })),
      codeOf(b.scrape.task({ taskId })),
      codeOf((async () => {
        for await (const _ of await b.runs.progress({ runId })) break;
      })()),
    ]);
    expect(refusals).toEqual(Array(9).fill('NOT_FOUND'));
    // The message is the one a run that never existed gets: nothing tells the run exists.
    const unknown = '00000000-0000-4000-8000-000000000000';
    const messageOf = (p: Promise<unknown>): Promise<string> => p.then(() => 'answered', (e: Error) => e.message);
    const [theirs, none] = await Promise.all([messageOf(b.runs.status({ runId })), messageOf(b.runs.status({ runId: unknown }))]);
    expect(theirs).toBe(`No run "${runId}"`);
    expect(theirs.replace(runId, 'ID')).toBe(none.replace(unknown, 'ID'));
  });

  it('scopes the REST export route too', async () => {
    const theirs = await call(s.api!, 'GET', `/api/v1/runs/${runId}/export?format=json`, undefined, { authorization: `Bearer ${s.b.key}` });
    expect(theirs.status).toBe(404);
    expect(theirs.body.error?.code).toBe('NOT_FOUND');
    const res = await fetch(`${s.api!.url}/api/v1/runs/${runId}/export?format=ndjson`, { headers: { authorization: `Bearer ${s.a.key}` } });
    expect(res.status).toBe(200);
    expect((await res.text()).trim().split('\n')).toHaveLength(60);
  });

  it('meters the runs of a workspace: pages by tier and bytes, in that workspace only', async () => {
    const [m] = await s.app.usage(s.a.workspaceId, { granularity: 'month' });
    // The listing run fetched 3 pages, the one-off scrape 1, all on the HTTP tier.
    expect(m).toMatchObject({ period: month(), pagesByTier: { http: 4, browser: 0, stealth: 0 }, pages: 4, browserSeconds: 0 });
    expect(m!.bytes).toBeGreaterThan(1000);
    expect(await s.app.usage(s.b.workspaceId, { granularity: 'month' })).toEqual([]);
    const mine = await s.a.caller.usage.get({ granularity: 'day' });
    expect(mine.pages.total).toBe(4);
    expect(mine.runs.total).toBe(2);
    expect(mine.workspace?.periods.map((p) => p.pages)).toEqual([4]);
    expect(mine.workspace?.quotas.pagesPerMonth).toBeNull();
    const theirs = await s.b.caller.usage.get({});
    expect(theirs).toMatchObject({ pages: { total: 0 }, runs: { total: 0 }, workspace: { workspaceId: s.b.workspaceId, periods: [] } });
  });
});

describe('page quotas per workspace', () => {
  let s: LimitsStack;
  beforeAll(async () => {
    s = await startLimitsStack({ server: true, extra: { rateLimits: false, quotas: { pagesPerMonth: 5 } } });
  });
  afterAll(() => s?.close());

  it('grants exactly 5 of 20 concurrent one-page scrapes against a quota of 5 pages, and refuses the rest with QUOTA_EXCEEDED', async () => {
    const url = `${s.stack.site.url}/list/1`;
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => s.a.caller.scrape.start({ url })));
    const granted = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(granted).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const r of refused) {
      expect((r.reason as { cause?: { code?: string } }).cause?.code).toBe('QUOTA_EXCEEDED');
      expect((r.reason as Error).message).toMatch(/pagesPerMonth exceeded: 0 of the workspace's 5 pages for \d{4}-\d{2} are left, and this request may fetch up to 1/);
    }
    for (const g of granted) await s.stack.launcher.waitUntilDone((g as PromiseFulfilledResult<{ taskId: string }>).value.taskId);
    await usageMeterOf(s.services)!.idle();
    expect(await s.app.quotaUsed(s.a.workspaceId, 'pages', month())).toBe(5);
    expect((await s.app.usage(s.a.workspaceId, { granularity: 'month' }))[0]?.pages).toBe(5);
    // Over REST: 402 with the code, in the envelope.
    const rest = await call(s.api!, 'POST', '/api/v1/scrape', { url }, { authorization: `Bearer ${s.a.key}` });
    expect(rest.status).toBe(402);
    expect(rest.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', retryable: false });
  });

  it('reserves a run\'s maxPages up front and gives back what it did not fetch', async () => {
    const b = s.b.caller;
    // 3 pages exist; the recipe may fetch 4: 4 are reserved, 1 is given back at the end.
    const { runId } = await b.runs.start({ recipe: listingRecipe(s.stack.site, { limits: { maxPages: 4 } }) as never });
    expect(await s.app.quotaUsed(s.b.workspaceId, 'pages', month())).toBe(4);
    // While it is reserved, a second run that may fetch 2 does not fit in the 5.
    expect(await codeOf(b.runs.start({ recipe: listingRecipe(s.stack.site, { limits: { maxPages: 2 } }) as never }))).toBe('QUOTA_EXCEEDED');
    await s.stack.launcher.waitUntilDone(runId);
    await usageMeterOf(s.services)!.idle();
    expect(await s.app.quotaUsed(s.b.workspaceId, 'pages', month())).toBe(3);
    const usage = await b.usage.get({});
    expect(usage.workspace?.quotas.pagesPerMonth).toEqual({ limit: 5, used: 3, remaining: 2, period: month() });
    // A recipe without limits.maxPages reserves maxPagesPerRun (1000 by default), which does not fit either.
    expect(await codeOf(b.runs.start({ recipe: listingRecipe(s.stack.site) as never }))).toBe('QUOTA_EXCEEDED');
  });
});
