import { createServer } from 'node:net';
import type { FetchRequest } from '@scrapifie/engine';
import { ScrapifieError } from '@scrapifie/recipe';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { Server } from 'proxy-chain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpFetcher } from '../src/index.ts';

// impit reads proxy settings from the environment even for 127.0.0.1: this suite talks to loopback only.
for (const k of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete process.env[k];

interface CountingProxy {
  url: string;
  /** Paths this proxy forwarded. */
  seen: string[];
  server: Server;
}

/** A real forwarding proxy on 127.0.0.1; with `password` it demands Basic credentials ("u" / password), else answers 407. */
async function startProxy(password?: string): Promise<CountingProxy> {
  const seen: string[] = [];
  const server = new Server({
    port: 0,
    host: '127.0.0.1',
    prepareRequestFunction: ({ request, username, password: given }) => {
      if (password !== undefined && (username !== 'u' || given !== password)) return { requestAuthentication: true, failMsg: 'bad credentials' };
      seen.push(request.url?.startsWith('http') ? new URL(request.url).pathname : (request.url ?? ''));
      return {};
    },
  });
  await server.listen();
  return { url: `http://127.0.0.1:${server.port}`, seen, server };
}

async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function failure(p: Promise<unknown>): Promise<ScrapifieError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ScrapifieError) return e;
    throw new Error(`expected a ScrapifieError, got ${String(e)}`);
  }
  throw new Error('expected the fetch to fail');
}

describe('HttpFetcher with a proxy per request', () => {
  let site: TestSite;
  let a: CountingProxy;
  let b: CountingProxy;
  let locked: CountingProxy;
  const fetcher = new HttpFetcher({ cookies: false });
  const req = (path: string, proxyUrl?: string): FetchRequest => ({
    url: site.url + path, timeoutMs: 5000, maxRedirects: 3, maxBodyBytes: 4 << 20, impersonate: 'chrome', ...(proxyUrl ? { proxyUrl } : {}),
  });

  beforeAll(async () => {
    site = await startTestSite({ pages: 3 });
    [a, b, locked] = await Promise.all([startProxy(), startProxy(), startProxy('s3cret')]);
  });
  afterAll(async () => {
    await fetcher.close();
    await Promise.all([a, b, locked].map((p) => p?.server.close(true)));
    await site?.close();
  });

  it('says it honours per-request proxies', () => {
    expect(fetcher.perRequestProxy).toBe(true);
  });

  it('sends each request through its own proxy, and directly without one, on one fetcher', async () => {
    site.resetStats();
    expect((await fetcher.fetch(req('/list/1', a.url))).status).toBe(200);
    expect((await fetcher.fetch(req('/list/2', b.url))).status).toBe(200);
    expect((await fetcher.fetch(req('/list/3'))).status).toBe(200);
    expect((await fetcher.fetch(req('/item/1', a.url))).status).toBe(200);
    expect(a.seen).toEqual(['/list/1', '/item/1']);
    expect(b.seen).toEqual(['/list/2']);
    expect(site.hits('/list/')).toBe(3);
  });

  it('passes proxy credentials, and hands a 407 back as a response', async () => {
    const port = new URL(locked.url).port;
    expect((await fetcher.fetch(req('/list/1', `http://u:s3cret@127.0.0.1:${port}`))).status).toBe(200);
    expect((await fetcher.fetch(req('/list/1', `http://u:wrong@127.0.0.1:${port}`))).status).toBe(407);
    expect(locked.seen).toEqual(['/list/1']);
  });

  it('reports a dead proxy as a retryable connection error without its password', async () => {
    const err = await failure(fetcher.fetch(req('/list/1', `http://u:hunter2@127.0.0.1:${await deadPort()}`)));
    expect(err).toMatchObject({ code: 'CONNECTION_ERROR', retryable: true });
    expect(err.message).not.toContain('hunter2');
  });

  it('rejects a proxy URL with an unsupported scheme, naming it without the password', async () => {
    const err = await failure(fetcher.fetch(req('/list/1', 'ftp://u:hunter2@127.0.0.1:21')));
    expect(err).toMatchObject({ code: 'INVALID_URL' });
    expect(err.message).toMatch(/uses ftp/);
    expect(err.message).not.toContain('hunter2');
  });
});
