import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESSED_VALUES, MAX_HUGE_MB, REDIRECT_END_VALUE, TRUNCATED, faultValue, startTestSite, type TestSite } from '../src/index.ts';
import { get, one, parse, text } from './dom.ts';

/** A raw GET with node:http, reporting what arrived before the connection ended. */
function rawGet(url: string, timeoutMs = 5000): Promise<{ status?: number; bytes: number; complete: boolean; error?: string }> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode, bytes, complete: res.complete }));
      res.on('error', (e) => resolve({ status: res.statusCode, bytes, complete: res.complete, error: e.message }));
      res.on('aborted', () => resolve({ status: res.statusCode, bytes, complete: false, error: 'aborted' }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error('client timeout')));
    req.on('error', (e) => resolve({ bytes: 0, complete: false, error: (e as NodeJS.ErrnoException).code ?? e.message }));
    req.end();
  });
}

const value = (html: string): string => text(one(parse(html), '#value'));

describe('fault endpoints', () => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite({ pages: 5 });
  });
  afterAll(() => site.close());

  it('/fault/500 always fails', async () => {
    expect((await get(`${site.url}/fault/500/a`)).status).toBe(500);
    expect((await get(`${site.url}/fault/500/a`)).status).toBe(500);
  });

  it('/fault/flaky fails N times per id, then serves its value', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(`${site.url}/fault/flaky/x1?fails=2`)).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(value((await get(`${site.url}/fault/flaky/x1?fails=2`)).body)).toBe(faultValue('flaky', 'x1'));
    expect((await get(`${site.url}/fault/flaky/x2?fails=1`)).status).toBe(503); // counters are per id
  });

  it('/fault/429 sends Retry-After the first N times, then OK', async () => {
    const first = await get(`${site.url}/fault/429/r1?retryAfter=7&times=2`);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect((await get(`${site.url}/fault/429/r1?retryAfter=7&times=2`)).status).toBe(429);
    const ok = await get(`${site.url}/fault/429/r1?retryAfter=7&times=2`);
    expect(ok.status).toBe(200);
    expect(value(ok.body)).toBe(faultValue('429', 'r1'));
  });

  it('/fault/slow answers after the delay', async () => {
    const started = Date.now();
    const r = await get(`${site.url}/fault/slow/s1?ms=300`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(value(r.body)).toBe(faultValue('slow', 's1'));
  });

  it('/fault/drip sends headers at once and the body slowly', async () => {
    const started = Date.now();
    const r = await fetch(`${site.url}/fault/drip?ms=300&every=50`);
    expect(r.status).toBe(200);
    const body = await r.text();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(body).toContain('<li>drop 2</li>');
    expect(value(body)).toBe('drip-complete');
  });

  it('/fault/hang never answers, and the server drops the socket when told to', async () => {
    expect((await rawGet(`${site.url}/fault/hang`, 300)).error).toBe('client timeout');
    const dropped = await rawGet(`${site.url}/fault/hang?ms=100`);
    expect(dropped.status).toBeUndefined();
    expect(dropped.error).toMatch(/ECONNRESET|socket hang up/);
  });

  it('/fault/truncated sends less than its Content-Length, then closes', async () => {
    const r = await rawGet(`${site.url}/fault/truncated`);
    expect(r.status).toBe(200);
    expect(r.complete).toBe(false);
    expect(r.bytes).toBe(TRUNCATED.sent);
    await expect(fetch(`${site.url}/fault/truncated`).then((x) => x.arrayBuffer())).rejects.toThrow();
  });

  it('/fault/huge serves a valid page of exactly N MB, capped at 64', async () => {
    const r = await get(`${site.url}/fault/huge?mb=1`);
    expect(r.bytes.length).toBe(1024 * 1024);
    expect(r.body.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(r.body.endsWith('</body></html>\n')).toBe(true);
    expect(text(one(parse(r.body), '#end'))).toBe('end of huge page');
    const chunked = await fetch(`${site.url}/fault/huge?mb=0.5&chunked=1`);
    expect(chunked.headers.get('content-length')).toBeNull();
    expect((await chunked.arrayBuffer()).byteLength).toBe(512 * 1024);
    const capped = await fetch(`${site.url}/fault/huge?mb=500`);
    expect(Number(capped.headers.get('content-length'))).toBe(MAX_HUGE_MB * 1024 * 1024);
    await capped.body?.cancel();
  });

  it('/fault/redirect/:n redirects n times, then lands', async () => {
    const hops: number[] = [];
    let url = `${site.url}/fault/redirect/3`;
    for (;;) {
      const r = await get(url);
      if (r.status === 200) {
        expect(value(r.body)).toBe(REDIRECT_END_VALUE);
        break;
      }
      hops.push(r.status);
      url = new URL(r.headers.get('location') ?? '', url).toString();
    }
    expect(hops).toEqual([308, 307, 301]);
    expect(url).toBe(`${site.url}/fault/redirect/0`);
  });

  it('/fault/redirect-loop loops forever', async () => {
    const a = await get(`${site.url}/fault/redirect-loop`);
    const b = await get(new URL(a.headers.get('location') ?? '', site.url).toString());
    expect(new URL(b.headers.get('location') ?? '', site.url).pathname).toBe('/fault/redirect-loop');
    await expect(fetch(`${site.url}/fault/redirect-loop`)).rejects.toThrow();
  });

  it('/fault/reset drops the connection without a response', async () => {
    const r = await rawGet(`${site.url}/fault/reset`);
    expect(r.status).toBeUndefined();
    expect(r.error).toMatch(/ECONNRESET|socket hang up/);
  });

  it('/fault/gzip and /fault/brotli are compressed', async () => {
    for (const kind of ['gzip', 'brotli'] as const) {
      const r = await fetch(`${site.url}/fault/${kind}`);
      expect(r.headers.get('content-encoding')).toBe(kind === 'gzip' ? 'gzip' : 'br');
      const body = await r.text();
      expect(value(body)).toBe(COMPRESSED_VALUES[kind]);
      expect(Number(r.headers.get('content-length'))).toBeLessThan(body.length / 5);
    }
  });

  it('closes promptly even with a request hanging', async () => {
    const other = await startTestSite({ pages: 1 });
    const pending = rawGet(`${other.url}/fault/hang`);
    await new Promise((r) => setTimeout(r, 50));
    await other.close();
    expect((await pending).status).toBeUndefined();
  });
});
