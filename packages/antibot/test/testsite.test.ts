import { HttpFetcher } from '@scrapifie/fetch-http';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectBlock } from '../src/index.ts';

// impit applies HTTP_PROXY & co. even to 127.0.0.1: this suite talks to loopback only.
for (const k of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete process.env[k];

let site: TestSite;
const fetcher = new HttpFetcher({ cookies: false });

beforeAll(async () => {
  site = await startTestSite({ pages: 5 });
});
afterAll(async () => {
  await fetcher.close();
  await site?.close();
});

async function verdictFor(path: string) {
  const url = `${site.url}${path}`;
  const res = await fetcher.fetch({ url, timeoutMs: 10_000, maxRedirects: 3, maxBodyBytes: 8 << 20, impersonate: 'chrome' });
  return { status: res.status, verdict: detectBlock({ status: res.status, headers: res.headers, body: new TextDecoder().decode(res.body), url: res.url }) };
}

describe('detectBlock on the fixture site', () => {
  it('flags the bot wall at /protected/list/:n as a Cloudflare challenge', async () => {
    const { status, verdict } = await verdictFor('/protected/list/2');
    expect(status).toBe(403);
    expect(verdict).toMatchObject({ blocked: true, kind: 'cloudflare' });
    expect(verdict.reason).toContain('cf-mitigated: challenge');
  });

  it('flags the JavaScript shell at /js/list/:n', async () => {
    const { status, verdict } = await verdictFor('/js/list/1');
    expect(status).toBe(200);
    expect(verdict).toMatchObject({ blocked: true, kind: 'js-shell' });
    expect(verdict.reason).toMatch(/<noscript> says "JavaScript is required/);
  });

  it.each(['/list/1', '/item/1', '/', '/login'])('does not flag the normal page %s', async (path) => {
    const { status, verdict } = await verdictFor(path);
    expect(status).toBe(200);
    expect(verdict).toEqual({ blocked: false });
  });

  it('does not flag the site\'s normal 404 page', async () => {
    const { status, verdict } = await verdictFor('/no/such/page');
    expect(status).toBe(404);
    expect(verdict).toEqual({ blocked: false });
  });
});
