import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectBlock, parseRetryAfter } from '../src/index.ts';
import { BLOCKED, NORMAL, type CorpusCase } from './corpus.ts';

function run(c: CorpusCase, folder: 'blocked' | 'normal') {
  const body = readFileSync(new URL(`./fixtures/${folder}/${c.file}`, import.meta.url), 'utf8');
  return detectBlock({ status: c.status, headers: c.headers, body, url: `https://site.example/${c.file}` });
}

describe('detectBlock over the fixture corpus', () => {
  it.each(BLOCKED)('flags $file as $expect.kind', (c) => {
    const v = run(c, 'blocked');
    expect(v).toMatchObject(c.expect);
    expect(v.reason).toMatch(/\S{3,}/);
    if (!c.expect.captcha) expect(v.captcha).toBeUndefined();
  });

  it.each(NORMAL)('does not flag $file ($status)', (c) => {
    expect(run(c, 'normal')).toEqual({ blocked: false });
  });
});

describe('detectBlock reasons name the evidence', () => {
  it('lists the Cloudflare markers', () => {
    const v = run(BLOCKED[0]!, 'blocked');
    expect(v.reason).toMatch(/^Cloudflare challenge \(HTTP 403\): cf-mitigated: challenge, challenge script \(_cf_chl_opt\), challenge token \(__cf_chl\)/);
  });

  it('a vendor cookie alone is not a block on a 200, but is on a 403', () => {
    const headers = { 'set-cookie': 'datadome=abc; Path=/' };
    const body = '<html><head><title>Shop</title></head><body><h1>Shop</h1><p>Plenty of things to buy here, all in stock.</p></body></html>';
    expect(detectBlock({ status: 200, headers, body, url: 'https://a.example/' })).toEqual({ blocked: false });
    expect(detectBlock({ status: 403, headers, body, url: 'https://a.example/' })).toMatchObject({ blocked: true, kind: 'datadome', reason: 'DataDome block page (HTTP 403): datadome cookie' });
  });

  it('a 429 with only vendor headers is a rate limit, with Retry-After as an HTTP date', () => {
    const now = Date.now();
    const v = detectBlock({ status: 429, headers: { Server: 'cloudflare', 'Retry-After': new Date(now + 90_000).toUTCString() }, body: '<title>Attention Required! | Cloudflare</title> error code: 1015 You are being rate limited', url: 'https://a.example/' });
    expect(v.kind).toBe('rate-limit');
    expect(v.reason).toMatch(/^HTTP 429 Too Many Requests from Cloudflare, Retry-After \d+ s$/);
    expect(v.retryAfterMs).toBeGreaterThan(80_000);
    expect(v.retryAfterMs).toBeLessThanOrEqual(90_000);
  });

  it('header names in any case and array values are understood', () => {
    const v = detectBlock({ status: 403, headers: { 'CF-Mitigated': ['challenge'] }, body: '', url: 'https://a.example/' });
    expect(v).toMatchObject({ blocked: true, kind: 'cloudflare' });
  });

  it('parses Retry-After', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('finds a challenge marker in the tail of a huge page', () => {
    const body = `<html><body>${'<p>filler text for a long page</p>'.repeat(40_000)}<div id="px-captcha"></div></body></html>`;
    expect(body.length).toBeGreaterThan(1_000_000);
    expect(detectBlock({ status: 200, headers: {}, body, url: 'https://a.example/' }).kind).toBe('perimeterx');
  });

  it('stays linear on large and malformed pages (a few ms each, not seconds)', () => {
    const n = 500_000;
    const bodies = [
      '<div class="product"><a href="/x">Item</a><span class="price">$1</span></div>'.repeat(n / 70),
      '<div class="' + 'a '.repeat(n / 2), '<'.repeat(n), '<script>'.repeat(n / 8), '<!--'.repeat(n / 4),
      'var dd={'.repeat(n / 8), 'grecaptcha.execute('.repeat(n / 19), '/recaptcha/api.js?'.repeat(n / 18),
    ];
    const started = performance.now();
    for (let round = 0; round < 3; round++) {
      for (const body of bodies) for (const status of [200, 403]) detectBlock({ status, headers: {}, body, url: 'https://a.example/' });
    }
    // ~50 calls take well under a second; a quadratic path takes minutes
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
