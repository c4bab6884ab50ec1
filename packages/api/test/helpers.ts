import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, systemClock, type Fetcher } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { openSqliteStore, type SqliteCrawlStore } from '@scrapifie/store-sqlite';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import {
  appRouter, createApiServer, createCallerFactory, createContext, createInProcessLauncher, createTargetGuard, guardFetcher, startGuardProxy,
  type ApiLimits, type ApiServer, type ApiServices, type GuardProxy, type InProcessRunLauncher, type TargetGuard, type TargetGuardOptions,
} from '../src/index.ts';

const callerFactory = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof callerFactory>;

export interface Stack {
  site: TestSite;
  store: SqliteCrawlStore;
  guard: TargetGuard;
  proxy: GuardProxy;
  http: Fetcher;
  launcher: InProcessRunLauncher;
  services: ApiServices;
  /** A caller of the router (createCallerFactory) with a fresh context. */
  caller: (signal?: AbortSignal) => Caller;
  api: ApiServer | null;
  close(): Promise<void>;
}

export interface StackOptions {
  /** The SSRF guard's allow-list. The fixture site is on 127.0.0.1, so tests that fetch it pass ['127.0.0.1'] explicitly. */
  allow: string[];
  resolve?: TargetGuardOptions['resolve'];
  server?: boolean;
  limits?: Partial<ApiLimits>;
  pages?: number;
}

/** The real parts, wired as `scrapifie serve` wires them: SQLite store, impit behind the SSRF guard proxy, the in-process launcher. */
export async function startStack(opts: StackOptions): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-api-'));
  const site = await startTestSite({ pages: opts.pages ?? 5 });
  const store = openSqliteStore(join(dir, 'api.sqlite'));
  const guard = createTargetGuard({ allow: opts.allow, resolve: opts.resolve });
  const proxy = await startGuardProxy(guard);
  const http = guardFetcher(new HttpFetcher({ proxyUrl: proxy.url }), guard, proxy);
  const launcher = createInProcessLauncher({ store, fetchers: { http } });
  const services: ApiServices = { store, launcher, fetchers: { http }, clock: systemClock, logger: silentLogger, targetPolicy: guard, limits: opts.limits };
  const context = createContext(services);
  const api = opts.server ? await createApiServer(services, { port: 0, host: '127.0.0.1' }) : null;
  return {
    site, store, guard, proxy, http, launcher, services, api,
    caller: (signal) => callerFactory(context(), signal ? { signal } : undefined),
    async close() {
      await api?.close();
      await launcher.close();
      await http.close();
      await proxy.close();
      await store.close();
      await site.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: { success: boolean; data: any; error: { code: string; message: string; retryable: boolean; issues?: Array<{ path: string; message: string }> } | null; meta: { requestId: string; apiVersion: string } };
}

export async function call(api: ApiServer, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(90_000),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Answer['body'] };
}

/** Polls until `done` holds (bounded). */
export async function until<T>(get: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not reached within ${timeoutMs} ms; last value: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A listing recipe over the fixture site, fast (the fixture site is ours: no politeness wait needed). */
export function listingRecipe(site: TestSite, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    name: 'listing',
    start: { urls: [`${site.url}/list/1`] },
    page: {
      items: { css: 'article.product', fields: { title: { css: 'h2 a' }, price: { css: '.price', transforms: ['price'] }, sku: { take: 'attr', attr: 'data-sku' } } },
      pagination: { next: { css: 'a.next' } },
    },
    politeness: { rateLimit: { requests: 100, perSeconds: 1 } },
    itemKey: ['sku'],
    ...extra,
  };
}
