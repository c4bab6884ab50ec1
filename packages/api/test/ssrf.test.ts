import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { classifyAddress, createTargetGuard, guardFetcher, startGuardProxy, type Resolver } from '../src/index.ts';
import { call, startStack, type Stack } from './helpers.ts';

const FETCH = { timeoutMs: 10_000, maxRedirects: 5, maxBodyBytes: 1 << 20, impersonate: 'chrome' as const };

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as AddressInfo).port;
}

describe('address classification', () => {
  it.each([
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['169.254.169.254', 'linkLocal'],
    ['100.100.100.200', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'linkLocal'],
    ['fd00:ec2::254', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['2002:7f00:1::', '6to4 (tunnelled IPv4)'],
  ])('%s is %s, not public', (ip, range) => {
    expect(classifyAddress(ip)).toMatchObject({ range, public: false });
  });

  it.each(['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111'])('%s is public', (ip) => {
    expect(classifyAddress(ip).public).toBe(true);
  });
});

describe('the guard on URL forms (no allow-list)', () => {
  const guard = createTargetGuard({ allow: [] });
  it.each([
    'http://10.0.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://[::1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::ffff:169.254.169.254]/',
    'http://0/',
    'http://localhost/',
    'https://user:pass@10.1.2.3:8443/x',
  ])('refuses %s', async (url) => {
    await expect(guard.checkUrl(url)).rejects.toMatchObject({ code: 'INVALID_URL', message: expect.stringContaining('refused by the SSRF guard') });
  });

  it.each(['file:///etc/passwd', 'gopher://127.0.0.1:70/', 'ftp://example.com/'])('refuses the scheme of %s', async (url) => {
    await expect(guard.checkUrl(url)).rejects.toMatchObject({ code: 'INVALID_URL' });
  });

  it('a malformed allow-list entry is refused with its text', () => {
    expect(() => createTargetGuard({ allow: ['10.0.0.0/99'] })).toThrow('"10.0.0.0/99"');
  });
});

describe('refusals through the API (server mode, no allow-list)', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ allow: [], server: true });
  });
  afterAll(async () => {
    await s?.close();
  });

  it.each([
    ['10.0.0.1', 'http://10.0.0.1/admin', 'a private address'],
    ['the metadata address', 'http://169.254.169.254/latest/meta-data/', 'a linkLocal address'],
  ])('a scrape of %s is 400 INVALID_URL naming url', async (_what, url, detail) => {
    const r = await call(s.api!, 'POST', '/api/v1/scrape/sync', { url });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'INVALID_URL', message: expect.stringContaining(detail) });
    expect(r.body.error!.issues).toEqual([expect.objectContaining({ path: 'url' })]);
  });

  it('a host name resolving to 127.0.0.1 is refused, and the fixture site never sees the request', async () => {
    const port = new URL(s.site.url).port;
    const r = await call(s.api!, 'POST', '/api/v1/scrape/sync', { url: `http://localhost:${port}/item/1` });
    expect(r.status).toBe(400);
    expect(r.body.error!.message).toContain('localhost resolves to 127.0.0.1, a loopback address');
    expect(s.site.hits('/item/')).toBe(0);
  });

  it('batches and runs name the URL at fault', async () => {
    const batch = await call(s.api!, 'POST', '/api/v1/scrape/batch', { urls: ['http://93.184.216.34/', 'http://192.168.0.1/'] });
    expect(batch.status).toBe(400);
    expect(batch.body.error!.issues).toEqual([expect.objectContaining({ path: 'urls[1]' })]);
    const run = await call(s.api!, 'POST', '/api/v1/runs', { recipe: { version: 1, name: 'x', start: { urls: ['http://10.9.8.7/'] }, page: { fields: { t: { css: 'title' } } } } });
    expect(run.status).toBe(400);
    expect(run.body.error!.issues).toEqual([expect.objectContaining({ path: 'recipe.start.urls[0]' })]);
  });
});

describe('with 127.0.0.1 on the allow-list', () => {
  let s: Stack;
  let redirector: Server;
  let redirectorPort: number;
  beforeAll(async () => {
    s = await startStack({ allow: ['127.0.0.1'], server: true });
    redirector = createHttpServer((_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
    redirectorPort = await listen(redirector);
  });
  afterAll(async () => {
    redirector?.close();
    await s?.close();
  });

  it('the same host name is fetched', async () => {
    const port = new URL(s.site.url).port;
    const r = await call(s.api!, 'POST', '/api/v1/scrape/sync', { url: `http://localhost:${port}/item/1` });
    expect(r.status).toBe(200);
    expect(r.body.data.result.title).toContain(s.site.truth.item(1).title);
  });

  it("a request's own proxy never bypasses the guard (the guarded tier takes none)", async () => {
    expect(s.http.perRequestProxy).toBe(false);
    // A dead proxy: honoured, the fetch would fail; the guard proxy carries it instead.
    const res = await s.http.fetch({ url: `${s.site.url}/item/2`, proxyUrl: 'http://127.0.0.1:9/', ...FETCH });
    expect(res.status).toBe(200);
  });

  it('a redirect from an allowed host to the metadata address is refused at the proxy', async () => {
    const r = await call(s.api!, 'POST', '/api/v1/scrape/sync', { url: `http://127.0.0.1:${redirectorPort}/` });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'INVALID_URL', message: expect.stringContaining('169.254.169.254 is a linkLocal address') });
  });
});

describe('DNS rebinding', () => {
  it('a name that resolves public at the check and loopback at the connection is refused at connect time', async () => {
    let hits = 0;
    const target = createHttpServer((_req, res) => {
      hits++;
      res.end('internal');
    });
    const port = await listen(target);
    const answers: string[] = [];
    // The first answer (the early check) is public; every later one (the proxy's, at connect time) is loopback.
    const resolve: Resolver = async () => {
      const address = answers.length === 0 ? '93.184.216.34' : '127.0.0.1';
      answers.push(address);
      return [{ address, family: 4 }];
    };
    const guard = createTargetGuard({ allow: [], resolve });
    const proxy = await startGuardProxy(guard);
    const fetcher = guardFetcher(new HttpFetcher({ proxyUrl: proxy.url }), guard, proxy);
    try {
      for (const scheme of ['http', 'https']) {
        answers.length = 0;
        await expect(fetcher.fetch({ url: `${scheme}://rebind.test:${port}/`, ...FETCH })).rejects.toMatchObject({
          code: 'INVALID_URL',
          message: expect.stringContaining('rebind.test resolves to 127.0.0.1, a loopback address'),
        });
        expect(answers).toEqual(['93.184.216.34', '127.0.0.1']);
      }
      expect(hits).toBe(0);
    } finally {
      await fetcher.close();
      await proxy.close();
      target.close();
    }
  });
});

describe('https through the guard proxy (CONNECT)', () => {
  it('an allowed https target is tunnelled end to end', async (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'scrapifie-tls-'));
    try {
      try {
        execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
      } catch (e) {
        console.warn(`SKIPPED: the CONNECT tunnel test needs the openssl binary to make a certificate (${(e as Error).message})`);
        ctx.skip();
      }
      const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => res.end(`tls ${req.url}`));
      const port = await listen(server as unknown as Server);
      const guard = createTargetGuard({ allow: ['127.0.0.1'] });
      const proxy = await startGuardProxy(guard);
      const fetcher = guardFetcher(new HttpFetcher({ proxyUrl: proxy.url, ignoreTlsErrors: true }), guard, proxy);
      try {
        const res = await fetcher.fetch({ url: `https://127.0.0.1:${port}/hello`, ...FETCH });
        expect(res.status).toBe(200);
        expect(Buffer.from(res.body).toString()).toBe('tls /hello');
      } finally {
        await fetcher.close();
        await proxy.close();
        server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
