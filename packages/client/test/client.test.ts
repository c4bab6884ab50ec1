import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer, createInProcessLauncher, type ApiServer, type AppRouter } from '@scrapifie/api';
import { silentLogger, systemClock } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import type { RunEvent } from '@scrapifie/recipe';
import { openSqliteStore, type SqliteCrawlStore } from '@scrapifie/store-sqlite';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { collectExport, createScrapifieClient } from '../src/index.ts';

// The typed client against a real API server on 127.0.0.1 (real SQLite, real impit, the fixture site).
// This server has no SSRF guard (the desktop's setting): the guard has its own tests in packages/api.
let site: TestSite;
let store: SqliteCrawlStore;
let http: HttpFetcher;
let launcher: ReturnType<typeof createInProcessLauncher>;
let api: ApiServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scrapifie-client-'));
  site = await startTestSite({ pages: 5 });
  store = openSqliteStore(join(dir, 'db.sqlite'));
  http = new HttpFetcher();
  launcher = createInProcessLauncher({ store, fetchers: { http } });
  api = await createApiServer({ store, launcher, fetchers: { http }, clock: systemClock, logger: silentLogger }, { port: 0 });
});
afterAll(async () => {
  await api?.close();
  await launcher?.close();
  await http?.close();
  await store?.close();
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const recipe = () => ({
  version: 1 as const,
  name: 'listing',
  start: { urls: [`${site.url}/list/1`] },
  page: { items: { css: 'article.product', fields: { sku: { take: 'attr', attr: 'data-sku' }, price: { css: '.price', transforms: ['price'] } } }, pagination: { next: { css: 'a.next' } } },
  politeness: { rateLimit: { requests: 3, perSeconds: 1 } },
});

describe('createScrapifieClient', () => {
  it('starts a run, follows it live over SSE to its end, and pages its rows', async () => {
    const client = createScrapifieClient({ url: api.url });
    const { runId } = await client.runs.start.mutate({ recipe: recipe() });
    const events: RunEvent[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no run.finished within 60 s')), 60_000);
      const sub = client.runs.progress.subscribe(
        { runId },
        {
          onData: (e) => {
            events.push(e);
            if (e.type === 'run.finished') {
              clearTimeout(timer);
              sub.unsubscribe();
              resolve();
            }
          },
          onError: (err) => {
            clearTimeout(timer);
            reject(err);
          },
        },
      );
    });
    expect(events.at(-1)).toMatchObject({ type: 'run.finished', status: 'completed', progress: { pagesDone: 5, items: 100 } });
    expect(events.some((e) => e.type === 'page.fetched')).toBe(true);
    const status = await client.runs.status.query({ runId });
    expect(status.counts).toEqual({ pending: 0, inFlight: 0, succeeded: 5, failed: 0, results: 100 });
    const page = await client.results.page.query({ runId, limit: 10, sort: 'price' });
    const prices = page.items.map((i) => i.data.price as number);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(Math.min(...site.truth.allItems().slice(0, 100).map((i) => i.price))).toBe(prices[0]);
  }, 90_000);

  it('streams an export', async () => {
    const client = createScrapifieClient({ url: `${api.url}/` });
    const { runs } = await client.runs.list.query({ limit: 1 });
    const csv = (await collectExport(await client.results.export.query({ runId: runs[0]!.runId, format: 'csv' }))).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('sku,price');
    expect(csv.trim().split('\r\n')).toHaveLength(101);
  });

  it('errors carry the stable code, the HTTP status and the fields at fault', async () => {
    const client = createScrapifieClient({ url: api.url });
    const missing = await client.runs.status.query({ runId: 'missing' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(TRPCClientError);
    expect((missing as TRPCClientError<AppRouter>).data).toMatchObject({ apiCode: 'NOT_FOUND', httpStatus: 404 });
    const bad = await client.scrape.sync.mutate({ url: 'not a url' }).catch((e: unknown) => e);
    expect((bad as TRPCClientError<AppRouter>).data).toMatchObject({ apiCode: 'INVALID_INPUT', httpStatus: 400, issues: [{ path: 'url', message: 'expected an absolute http(s) URL' }] });
  });

  it('sends the API key as a bearer token', async () => {
    let seen: IncomingHttpHeaders = {};
    const probe = createServer((req, res) => {
      seen = req.headers;
      res.writeHead(500, { 'content-type': 'application/json' }).end('[]');
    });
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const client = createScrapifieClient({ url: `http://127.0.0.1:${(probe.address() as AddressInfo).port}`, apiKey: 'sk_live_example' });
    await client.usage.get.query({}).catch(() => undefined);
    probe.close();
    expect(seen.authorization).toBe('Bearer sk_live_example');
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => createScrapifieClient({ url: 'localhost:3000' })).toThrow(/http\(s\)|absolute/);
  });
});
