import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, listingRecipe, startStack, until, type Stack } from './helpers.ts';

// REST at /api/v1 over a real HTTP server on 127.0.0.1: the envelope, status codes, and errors that name the field.
let s: Stack;
const BODY_LIMIT = 64 * 1024;
beforeAll(async () => {
  s = await startStack({ allow: ['127.0.0.1'], server: true, limits: { maxBodyBytes: BODY_LIMIT } });
});
afterAll(async () => {
  await s?.close();
});

describe('the envelope', () => {
  it('a success is { success: true, data, error: null, meta } with the request id', async () => {
    const r = await call(s.api!, 'GET', '/api/v1/usage', undefined, { 'x-request-id': 'req-42' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ success: true, data: expect.objectContaining({ pages: expect.any(Object) }), error: null, meta: { requestId: 'req-42', apiVersion: 'v1' } });
    expect(r.headers.get('x-request-id')).toBe('req-42');
  });

  it('an error is { success: false, data: null, error: { code, message, retryable }, meta }', async () => {
    const r = await call(s.api!, 'GET', '/api/v1/runs/no-such-run');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ success: false, data: null, error: { code: 'NOT_FOUND', message: 'No run "no-such-run"', retryable: false }, meta: { requestId: expect.any(String), apiVersion: 'v1' } });
  });

  it('security headers are set and CORS stays closed', async () => {
    const res = await fetch(`${s.api!.url}/api/v1/usage`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    await res.body?.cancel();
  });
});

describe('status codes', () => {
  it('POST /runs answers 202 with the run id; GET /runs/{runId} reports it', async () => {
    const r = await call(s.api!, 'POST', '/api/v1/runs', { recipe: listingRecipe(s.site) });
    expect(r.status).toBe(202);
    const { runId, statusUrl } = r.body.data as { runId: string; statusUrl: string };
    expect(statusUrl).toBe(`/api/v1/runs/${runId}`);
    const done = await until(() => call(s.api!, 'GET', statusUrl), (a) => a.body.data.status !== 'running', 60_000);
    expect(done.body.data).toMatchObject({ status: 'completed', counts: { succeeded: 5, results: 100 } });
    const page = await call(s.api!, 'GET', `/api/v1/runs/${runId}/results?limit=2&sort=-price&filter=price:gt:10&filter=sku:exists`);
    expect(page.status).toBe(200);
    expect(page.body.data.items).toHaveLength(2);
    expect(page.body.data.items[0].data.price).toBeGreaterThanOrEqual(page.body.data.items[1].data.price);
  }, 90_000);

  it('a malformed body is 400 INVALID_INPUT with every field at fault named', async () => {
    const r = await call(s.api!, 'POST', '/api/v1/runs', { recipe: { ...listingRecipe(s.site), version: 'one' }, concurrency: 0, extra: true });
    expect(r.status).toBe(400);
    expect(r.body.error!.code).toBe('INVALID_INPUT');
    expect(r.body.error!.issues!.map((i) => i.path)).toEqual(expect.arrayContaining(['recipe.version', 'concurrency', 'extra']));
    expect(r.body.error!.message).toContain('recipe.version');
  });

  it('a bad query value is 400 naming the parameter', async () => {
    const r = await call(s.api!, 'GET', '/api/v1/runs?limit=lots');
    expect(r.status).toBe(400);
    expect(r.body.error!.issues).toEqual([expect.objectContaining({ path: 'limit' })]);
    const unknown = await call(s.api!, 'GET', '/api/v1/usage?verbose=1');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error!.issues).toEqual([{ path: 'verbose', message: 'unknown field' }]);
  });

  it('invalid JSON, a non-object body and a non-JSON content type are refused clearly', async () => {
    const bad = await call(s.api!, 'POST', '/api/v1/recipes/validate', '{"recipe": ');
    expect(bad.status).toBe(400);
    expect(bad.body.error!.message).toMatch(/not valid JSON/);
    const arr = await call(s.api!, 'POST', '/api/v1/recipes/validate', '[1,2]');
    expect(arr.status).toBe(400);
    expect(arr.body.error!.issues).toEqual([{ path: '(body)', message: 'expected a JSON object' }]);
    const form = await call(s.api!, 'POST', '/api/v1/recipes/validate', 'recipe=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(form.body.error!.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('a body over the limit is 413', async () => {
    const r = await call(s.api!, 'POST', '/api/v1/recipes/validate', { recipe: { blob: 'x'.repeat(BODY_LIMIT) } });
    expect(r.status).toBe(413);
    expect(r.body.error!.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('an unknown route is 404 ROUTE_NOT_FOUND; a wrong method is 405 with Allow', async () => {
    const none = await call(s.api!, 'GET', '/api/v1/nothing-here');
    expect(none.status).toBe(404);
    expect(none.body.error!.code).toBe('ROUTE_NOT_FOUND');
    const wrong = await call(s.api!, 'DELETE', '/api/v1/usage');
    expect(wrong.status).toBe(405);
    expect(wrong.body.error!.code).toBe('METHOD_NOT_ALLOWED');
    expect(wrong.headers.get('allow')).toBe('GET');
  });
});

describe('export over HTTP', () => {
  let runId: string;
  beforeAll(async () => {
    const { runId: id } = await s.caller().runs.start({ recipe: listingRecipe(s.site) as never });
    await s.launcher.waitUntilDone(id, AbortSignal.timeout(60_000));
    runId = id;
  }, 90_000);

  it('CSV is streamed as a download, RFC 4180 with a header', async () => {
    const res = await fetch(`${s.api!.url}/api/v1/runs/${runId}/export?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="listing-.+\.csv"$/);
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe('title,price,sku');
    expect(lines.filter((l) => l !== '')).toHaveLength(101);
  });

  it('JSON and XLSX hold the same rows', async () => {
    const json = (await (await fetch(`${s.api!.url}/api/v1/runs/${runId}/export?format=json`)).json()) as Array<{ sku: string; price: number }>;
    expect(json).toHaveLength(100);
    const xlsx = await fetch(`${s.api!.url}/api/v1/runs/${runId}/export?format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const sheet = wb.getWorksheet('results')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'title', 'price', 'sku']);
    expect(sheet.rowCount).toBe(101);
    expect(sheet.getRow(2).getCell(3).value).toBe(json[0]!.sku);
    expect(sheet.getRow(2).getCell(2).value).toBe(json[0]!.price);
  });

  it('an unknown format or run is refused in the envelope', async () => {
    const bad = await call(s.api!, 'GET', `/api/v1/runs/${runId}/export?format=pdf`);
    expect(bad.status).toBe(400);
    expect(bad.body.error!.issues).toEqual([expect.objectContaining({ path: 'format' })]);
    const none = await call(s.api!, 'GET', '/api/v1/runs/nope/export?format=csv');
    expect(none.status).toBe(404);
  });
});
