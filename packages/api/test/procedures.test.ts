import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '@scrapifie/recipe';
import { appRouter, createCallerFactory, createContext, createInProcessLauncher } from '../src/index.ts';
import { listingRecipe, startStack, until, type Stack } from './helpers.ts';

// Procedures through createCallerFactory: real SQLite, real impit (through the SSRF guard proxy), the fixture site.
let s: Stack;
beforeAll(async () => {
  s = await startStack({ allow: ['127.0.0.1'], pages: 5 });
});
afterAll(async () => {
  await s?.close();
});

async function finishedRun(recipe: Record<string, unknown>): Promise<string> {
  const { runId } = await s.caller().runs.start({ recipe: recipe as never });
  await s.launcher.waitUntilDone(runId, AbortSignal.timeout(60_000));
  return runId;
}

describe('recipes', () => {
  it('validate answers valid with defaults filled, or the problems by JSON path', async () => {
    const ok = await s.caller().recipes.validate({ recipe: listingRecipe(s.site) });
    expect(ok.valid).toBe(true);
    expect((ok.recipe as { fetch: { timeoutMs: number } }).fetch.timeoutMs).toBe(30_000);
    const bad = await s.caller().recipes.validate({ recipe: { ...listingRecipe(s.site), version: 2, page: { items: { css: 'x' } } } });
    expect(bad.valid).toBe(false);
    expect(bad.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['version', 'page.items.fields']));
  });

  it('schema is the recipe JSON Schema', async () => {
    const { schema } = await s.caller().recipes.schema({});
    expect(schema.$id).toBe('https://scrapifie.dev/schema/recipe.v1.json');
    expect(Object.keys(schema.properties as object)).toEqual(expect.arrayContaining(['start', 'page', 'fetch']));
  });
});

describe('runs', () => {
  let runId: string;
  beforeAll(async () => {
    runId = await finishedRun(listingRecipe(s.site));
  }, 90_000);

  it('start crawls the recipe; status reports what the store holds', async () => {
    const run = await s.caller().runs.status({ runId });
    expect(run).toMatchObject({ runId, name: 'listing', status: 'completed', active: false, counts: { succeeded: 5, failed: 0, pending: 0, results: 100 } });
    expect(run.progress?.byTier.http).toBe(5);
  });

  it('list has the run, newest first, and filters by status', async () => {
    const { runs } = await s.caller().runs.list({ limit: 10 });
    expect(runs.map((r) => r.runId)).toContain(runId);
    const { runs: failed } = await s.caller().runs.list({ limit: 10, status: 'failed' });
    expect(failed.map((r) => r.runId)).not.toContain(runId);
  });

  it('logs has the pages fetched and the finish, oldest first', async () => {
    const { entries } = await s.caller().runs.logs({ runId, limit: 100 });
    const types = entries.map((e) => e.event.type);
    expect(types[0]).toBe('run.started');
    expect(types.at(-1)).toBe('run.finished');
    expect(types.filter((t) => t === 'page.fetched')).toHaveLength(5);
  });

  it('progress streams a live run to its finish, and answers a finished run with its final state', async () => {
    const { runId: live } = await s.caller().runs.start({ recipe: listingRecipe(s.site, { politeness: { rateLimit: { requests: 2, perSeconds: 1 } } }) as never });
    const seen: RunEvent[] = [];
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    for await (const e of await s.caller(controller.signal).runs.progress({ runId: live })) seen.push(e);
    clearTimeout(timer);
    expect(seen.at(-1)).toMatchObject({ type: 'run.finished', status: 'completed', progress: { pagesDone: 5, items: 100 } });
    expect(seen.filter((e) => e.type === 'page.fetched').length).toBeGreaterThan(0);

    const again: RunEvent[] = [];
    for await (const e of await s.caller().runs.progress({ runId })) again.push(e);
    expect(again).toEqual([expect.objectContaining({ type: 'run.finished', status: 'completed' })]);
  }, 90_000);

  it('cancel stops a run that is crawling; it ends cancelled with requests left', async () => {
    // 2 requests per 10 s over 20 listing pages: still running when cancelled.
    const { runId: slow } = await s.caller().runs.start({ recipe: listingRecipe(s.site, { politeness: { rateLimit: { requests: 2, perSeconds: 10 } } }) as never });
    await until(() => s.caller().runs.status({ runId: slow }), (r) => r.counts.succeeded >= 1);
    const answer = await s.caller().runs.cancel({ runId: slow });
    expect(answer).toEqual({ runId: slow, cancelled: true, status: 'cancelled' });
    const run = await s.caller().runs.status({ runId: slow });
    expect(run.active).toBe(false);
    expect(run.counts.succeeded).toBeLessThan(5);
    expect(await s.caller().runs.cancel({ runId: slow })).toEqual({ runId: slow, cancelled: false, status: 'cancelled' });
  }, 60_000);

  it('an unknown run is NOT_FOUND; a bad run id is BAD_REQUEST naming runId', async () => {
    await expect(s.caller().runs.status({ runId: 'no-such-run' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No run "no-such-run"' });
    const err = await s.caller().runs.status({ runId: 'a/b' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe('BAD_REQUEST');
    expect((err as TRPCError).message).toContain('runId');
  });

  it('past maxActiveRuns a start is refused with QUEUE_FULL (503, retryable), not queued without bound', async () => {
    const launcher = createInProcessLauncher({ store: s.store, fetchers: s.services.fetchers, maxActiveRuns: 1 });
    const caller = createCallerFactory(appRouter)(createContext({ ...s.services, launcher })());
    try {
      const slow = listingRecipe(s.site, { politeness: { rateLimit: { requests: 1, perSeconds: 10 } } });
      const { runId } = await caller.runs.start({ recipe: slow as never });
      const err = await caller.runs.start({ recipe: slow as never }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('the most this server runs at once is 1') });
      expect(await caller.runs.cancel({ runId })).toMatchObject({ cancelled: true, status: 'cancelled' });
    } finally {
      await launcher.close();
    }
  }, 30_000);

  it('start refuses a recipe that reads a file on the server, naming the field', async () => {
    const recipe = listingRecipe(s.site, { start: { input: { file: '/etc/passwd', urlColumn: 'url' } } });
    await expect(s.caller().runs.start({ recipe: recipe as never })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('recipe.start.input.file') });
  });
});

describe('results', () => {
  let runId: string;
  beforeAll(async () => {
    runId = await finishedRun(listingRecipe(s.site));
  }, 90_000);

  it('page walks every row exactly once by cursor, in insertion order', async () => {
    const skus: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await s.caller().results.page({ runId, limit: 30, cursor });
      skus.push(...page.items.map((r) => r.data.sku as string));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const truth = s.site.truth.allItems().slice(0, 100).map((i) => i.sku);
    expect(skus).toEqual(truth);
  });

  it('filter and sort work over the rows', async () => {
    const truth = s.site.truth.allItems().slice(0, 100);
    const over = truth.filter((i) => i.price > 100).sort((a, b) => b.price - a.price);
    const page = await s.caller().results.page({ runId, limit: 10, filter: 'price:gt:100', sort: '-price' });
    expect(page.items.map((r) => r.data.sku)).toEqual(over.slice(0, 10).map((i) => i.sku));
    const next = await s.caller().results.page({ runId, limit: 1000, filter: 'price:gt:100', sort: '-price', cursor: page.nextCursor! });
    expect(next.items).toHaveLength(over.length - 10);
    expect(next.nextCursor).toBeNull();
    const one = truth[7]!;
    const bySku = await s.caller().results.page({ runId, limit: 5, filter: [`sku:eq:${one.sku}`, 'title:contains:' + one.title.slice(2, 8).toUpperCase()] });
    expect(bySku.items.map((r) => r.data.title)).toEqual([one.title]);
  });

  it('a malformed filter or cursor is BAD_REQUEST naming it', async () => {
    await expect(s.caller().results.page({ runId, limit: 5, filter: 'price:between:1' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('filter[0]') });
    await expect(s.caller().results.page({ runId, limit: 5, cursor: 'garbage' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('cursor') });
  });

  it('export streams every row (NDJSON and CSV)', async () => {
    const collect = async (format: 'ndjson' | 'csv'): Promise<string> => {
      let text = '';
      for await (const c of await s.caller().results.export({ runId, format })) text += c.chunk;
      return text;
    };
    const lines = (await collect('ndjson')).trim().split('\n').map((l) => JSON.parse(l) as { sku: string });
    expect(lines.map((l) => l.sku)).toEqual(s.site.truth.allItems().slice(0, 100).map((i) => i.sku));
    const csv = (await collect('csv')).split('\r\n');
    expect(csv[0]).toBe('title,price,sku');
    expect(csv.filter((l) => l !== '')).toHaveLength(101);
  });
});
