import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startStack, until, type Stack } from './helpers.ts';

// The seed's one-off scrape endpoints over REST: real server, real impit (through the SSRF guard), the fixture site.
let s: Stack;
beforeAll(async () => {
  s = await startStack({ allow: ['127.0.0.1'], server: true, pages: 5 });
});
afterAll(async () => {
  await s?.close();
});

const ITEM_FIELDS = { title: { css: 'h1' }, price: { css: '.price', transforms: ['price'] }, sku: { css: '.sku' } };

describe('POST /api/v1/scrape/sync', () => {
  it('returns the page as markdown plus the extracted data', async () => {
    const item = s.site.truth.item(7);
    const r = await call(s.api!, 'POST', '/api/v1/scrape/sync', { url: `${s.site.url}/item/7`, fields: ITEM_FIELDS });
    expect(r.status).toBe(200);
    const task = r.body.data;
    expect(task).toMatchObject({ status: 'completed', url: `${s.site.url}/item/7`, error: null });
    expect(task.result.format).toBe('markdown');
    expect(task.result.data).toEqual({ title: item.title, price: item.price, sku: item.sku });
    expect(task.result.title).toContain(item.title);
    expect(task.result.content).toContain(`# ${item.title}`);
    expect(task.result.content).toContain(`## Description`);
    expect(task.result.content).toContain(`[All products](${s.site.url}/list/1)`);
    expect(task.result.content).not.toMatch(/<\/?(div|script|p)\b/);
    expect(task.result.tier).toBe('http');
  });

  it('returns text or html on request, and items with a recipe', async () => {
    const text = await call(s.api!, 'POST', '/api/v1/scrape/sync', { url: `${s.site.url}/item/8`, format: 'text' });
    expect(text.status).toBe(200);
    expect(text.body.data.result.content.split('\n')).toContain(s.site.truth.item(8).title);
    expect(text.body.data.result.data).toBeNull();
    const html = await call(s.api!, 'POST', '/api/v1/scrape/sync', { url: `${s.site.url}/item/8`, format: 'html' });
    expect(html.body.data.result.content).toMatch(/^<!doctype html>/i);

    const recipe = { version: 1, name: 'listing', start: { urls: ['http://ignored.example/'] }, page: { items: { css: 'article.product', fields: { sku: { take: 'attr', attr: 'data-sku' } } } } };
    const listing = await call(s.api!, 'POST', '/api/v1/scrape/sync', { url: `${s.site.url}/list/2`, recipe });
    expect(listing.status).toBe(200);
    expect(listing.body.data.result.data).toEqual(s.site.truth.listing(2).map((i) => ({ sku: i.sku })));
  });

  it("fails with the page's error: a 404 page is 502 HTTP_ERROR", async () => {
    const r = await call(s.api!, 'POST', '/api/v1/scrape/sync', { url: `${s.site.url}/no/such/page` });
    expect(r.status).toBe(502);
    expect(r.body.error).toMatchObject({ code: 'HTTP_ERROR', message: expect.stringContaining('404') });
  });

  it('past timeoutMs it is 504 TIMEOUT at once, and the task is cancelled', async () => {
    const started = Date.now();
    const r = await call(s.api!, 'POST', '/api/v1/scrape/sync', { url: `${s.site.url}/fault/slow/sync-timeout?ms=8000`, timeoutMs: 1000 });
    expect(Date.now() - started).toBeLessThan(6000); // answered at the deadline, not when the 8 s page came
    expect(r.status).toBe(504);
    expect(r.body.error!.code).toBe('TIMEOUT');
    const taskId = /task ([0-9a-f-]{36})/.exec(r.body.error!.message)![1]!;
    const task = await until(() => call(s.api!, 'GET', `/api/v1/scrape/${taskId}`), (a) => a.body.data.status !== 'running', 20_000);
    expect(task.body.data.status).toBe('cancelled');
  }, 30_000);

  it('malformed calls are 400 naming the field', async () => {
    const noUrl = await call(s.api!, 'POST', '/api/v1/scrape/sync', { format: 'pdf' });
    expect(noUrl.status).toBe(400);
    expect(noUrl.body.error!.issues!.map((i) => i.path).sort()).toEqual(['format', 'url']);
    const badField = await call(s.api!, 'POST', '/api/v1/scrape/sync', { url: `${s.site.url}/item/1`, fields: { price: { css: '.price', take: 'attr' } } });
    expect(badField.status).toBe(400);
    expect(badField.body.error!.issues).toEqual([expect.objectContaining({ path: 'fields.price.attr' })]);
    const both = await call(s.api!, 'POST', '/api/v1/scrape/sync', { url: `${s.site.url}/item/1`, fields: {}, recipe: { version: 1 } });
    expect(both.status).toBe(400);
  });
});

describe('POST /api/v1/scrape (async)', () => {
  it('answers 202 with a task id; GET /scrape/{taskId} has the result once done', async () => {
    const r = await call(s.api!, 'POST', '/api/v1/scrape', { url: `${s.site.url}/item/9`, fields: ITEM_FIELDS });
    expect(r.status).toBe(202);
    expect(r.body.data).toMatchObject({ taskId: expect.any(String), status: 'running', statusUrl: `/api/v1/scrape/${r.body.data.taskId}` });
    const done = await until(() => call(s.api!, 'GET', r.body.data.statusUrl), (a) => a.body.data.status !== 'running');
    expect(done.body.data).toMatchObject({ status: 'completed', result: { data: { sku: s.site.truth.item(9).sku } } });
  });

  it('an unknown task is 404', async () => {
    const r = await call(s.api!, 'GET', '/api/v1/scrape/00000000-0000-0000-0000-000000000000');
    expect(r.status).toBe(404);
    expect(r.body.error!.code).toBe('NOT_FOUND');
  });
});

describe('batches and jobs', () => {
  it('a URL batch scrapes each page; the job and its results are readable', async () => {
    const ids = [1, 2, 3, 4, 5, 6];
    const r = await call(s.api!, 'POST', '/api/v1/scrape/batch', {
      urls: ids.map((id) => `${s.site.url}/item/${id}`),
      fields: ITEM_FIELDS,
      format: 'text',
      politeness: { rateLimit: { requests: 50, perSeconds: 1 } },
    });
    expect(r.status).toBe(202);
    const { jobId, statusUrl, resultsUrl } = r.body.data;
    const job = await until(() => call(s.api!, 'GET', statusUrl), (a) => a.body.data.status !== 'running');
    expect(job.body.data).toMatchObject({ jobId, name: 'scrape:batch', status: 'completed', counts: { succeeded: 6, failed: 0, results: 6 } });
    const first = await call(s.api!, 'GET', `${resultsUrl}?limit=4`);
    const rest = await call(s.api!, 'GET', `${resultsUrl}?limit=4&cursor=${first.body.data.nextCursor}`);
    const rows = [...first.body.data.items, ...rest.body.data.items];
    expect(rest.body.data.nextCursor).toBeNull();
    expect(rows.map((row: { data: { data: { sku: string } } }) => row.data.data.sku).sort()).toEqual(ids.map((id) => s.site.truth.item(id).sku).sort());
    expect(rows.every((row: { data: { format: string; content: string } }) => row.data.format === 'text' && row.data.content.length > 100)).toBe(true);
  }, 60_000);

  it('a recipe over an input list is crawled as a job, carrying the input columns', async () => {
    const recipe = {
      version: 1,
      name: 'items by id',
      start: { input: { rows: [], urlTemplate: `${s.site.url}/item/{id}`, carry: ['id'] } },
      page: { fields: { sku: { css: '.sku' } } },
      politeness: { rateLimit: { requests: 50, perSeconds: 1 } },
    };
    const r = await call(s.api!, 'POST', '/api/v1/scrape/batch', { recipe, input: [{ id: 11 }, { id: 12 }] });
    expect(r.status).toBe(202);
    await until(() => call(s.api!, 'GET', r.body.data.statusUrl), (a) => a.body.data.status !== 'running');
    const rows = await call(s.api!, 'GET', r.body.data.resultsUrl);
    // Rows are stored in the order their pages finish: compare as a set, by id.
    const byId = (a: { id: number }, b: { id: number }): number => a.id - b.id;
    expect(rows.body.data.items.map((i: { data: { id: number } }) => i.data).sort(byId)).toEqual([
      { id: 11, sku: s.site.truth.item(11).sku },
      { id: 12, sku: s.site.truth.item(12).sku },
    ]);
  }, 60_000);

  it('a batch over 100 URLs, or with both urls and a recipe, is 400 naming the field', async () => {
    const many = await call(s.api!, 'POST', '/api/v1/scrape/batch', { urls: Array.from({ length: 101 }, (_, i) => `${s.site.url}/item/${i + 1}`) });
    expect(many.status).toBe(400);
    expect(many.body.error!.issues).toEqual([expect.objectContaining({ path: 'urls' })]);
    const neither = await call(s.api!, 'POST', '/api/v1/scrape/batch', { format: 'text' });
    expect(neither.status).toBe(400);
    expect(neither.body.error!.issues).toEqual([{ path: 'urls', message: 'give "urls" or "recipe" (exactly one)' }]);
  });

  it('cancel stops a job: nothing new starts and it ends cancelled with requests left', async () => {
    // Seed politeness (2 requests per 10 s per domain) over 12 pages: far from done when cancelled.
    const r = await call(s.api!, 'POST', '/api/v1/scrape/batch', { urls: Array.from({ length: 12 }, (_, i) => `${s.site.url}/item/${i + 20}`) });
    const { jobId, statusUrl } = r.body.data;
    await until(() => call(s.api!, 'GET', statusUrl), (a) => a.body.data.counts.succeeded >= 1);
    const cancel = await call(s.api!, 'POST', `/api/v1/scrape/jobs/${jobId}/cancel`);
    expect(cancel.status).toBe(200);
    expect(cancel.body.data).toEqual({ jobId, cancelled: true, status: 'cancelled' });
    const job = await call(s.api!, 'GET', statusUrl);
    expect(job.body.data.status).toBe('cancelled');
    expect(job.body.data.counts.pending).toBeGreaterThan(0);
    const hits = s.site.hits('/item/');
    await new Promise((res) => setTimeout(res, 1500));
    expect(s.site.hits('/item/')).toBe(hits);
  }, 60_000);
});

describe('GET /api/v1/usage', () => {
  it('sums pages by tier and bytes from the store', async () => {
    const r = await call(s.api!, 'GET', '/api/v1/usage');
    expect(r.status).toBe(200);
    const { pages, bytes, runs } = r.body.data;
    expect(pages.http).toBeGreaterThanOrEqual(10);
    expect(pages.total).toBe(pages.http + pages.browser + pages.stealth);
    expect(bytes).toBeGreaterThan(pages.http * 1000);
    expect(runs.total).toBeGreaterThanOrEqual(8);
    expect(runs.byStatus.completed).toBeGreaterThanOrEqual(5);
  });
});
