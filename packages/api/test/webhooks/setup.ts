import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type AppStore, type Clock } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { openSqliteAppStore, openSqliteQueue, openSqliteStore, type SqliteCrawlStore, type SqliteQueue } from '@scrapifie/store-sqlite';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { SecretCipher } from '../../src/secrets/cipher.ts';
import {
  appRouter, createApiServer, createCallerFactory, createContext, createInProcessLauncher, createTargetGuard, createWebhookDispatcher, guardFetcher, startGuardProxy,
  type ApiServer, type ApiServices, type GuardProxy, type InProcessRunLauncher, type Resolver, type TargetGuard, type WebhookDispatcher, type WebhookDispatcherOptions,
} from '../../src/index.ts';

const callerFactory = createCallerFactory(appRouter);

/** A clock the test moves: real time plus `offsetMs`. */
export function testClock(): Clock & { offsetMs: number } {
  const c = {
    offsetMs: 0,
    now: () => Date.now() + c.offsetMs,
    sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  };
  return c;
}

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A real webhook receiver on 127.0.0.1. Paths: /ok answers 204; /hang never answers; /fail 500; /redirect 302 to /ok; /flaky/<n> fails
 * the first n requests to it, then answers 200.
 */
export async function startReceiver(): Promise<{ url: string; port: number; received: Received[]; on(path: string): Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const flakyCount = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      if (path === '/ok') return void res.writeHead(204).end();
      if (path === '/hang') return; // never answers
      if (path === '/redirect') return void res.writeHead(302, { location: '/ok' }).end();
      const flaky = /^\/flaky\/(\d+)/.exec(path);
      if (flaky) {
        const n = (flakyCount.get(path) ?? 0) + 1;
        flakyCount.set(path, n);
        return void res.writeHead(n <= Number(flaky[1]) ? 503 : 200).end('ok');
      }
      res.writeHead(500).end('receiver failure');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    on: (path) => received.filter((r) => r.path === path),
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

/** Standard Webhooks signatures computed here, independently of the code under test. */
export function expectedSignature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return 'v1,' + createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
}

export interface WebhookStack {
  dir: string;
  site: TestSite;
  store: SqliteCrawlStore;
  app: AppStore;
  queue: SqliteQueue;
  guard: TargetGuard;
  proxy: GuardProxy;
  launcher: InProcessRunLauncher;
  clock: Clock & { offsetMs: number };
  dispatcher: WebhookDispatcher;
  services: ApiServices;
  workspaceId: string;
  caller: () => ReturnType<typeof callerFactory>;
  api: ApiServer | null;
  /** A new dispatcher (with `options`, if given) on a new queue handle over the same file, the old ones closed: a process restart. */
  restart(options?: Partial<WebhookDispatcherOptions>): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookStack(opts: { dispatcher?: Partial<WebhookDispatcherOptions>; resolve?: Resolver; server?: boolean } = {}): Promise<WebhookStack> {
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-webhooks-'));
  const site = await startTestSite({ pages: 3 });
  const store = openSqliteStore(join(dir, 'crawl.sqlite'));
  const app = openSqliteAppStore(join(dir, 'app.sqlite'));
  const queuePath = join(dir, 'queue.sqlite');
  let queue = openSqliteQueue(queuePath, { pollMs: 50 });
  const guard = createTargetGuard({ allow: ['127.0.0.1'], resolve: opts.resolve });
  const proxy = await startGuardProxy(guard);
  const http = guardFetcher(new HttpFetcher({ proxyUrl: proxy.url }), guard, proxy);
  const launcher = createInProcessLauncher({ store, fetchers: { http } });
  const clock = testClock();
  const user = await app.createUser({ email: `owner-${randomBytes(4).toString('hex')}@example.test`, passwordHash: 'not-used' });
  const workspace = await app.createWorkspace({ name: 'hooks', ownerId: user.id });
  const cipher = new SecretCipher(randomBytes(32));
  let options: Partial<WebhookDispatcherOptions> = { retryDelaysMs: [100, 200, 400], timeoutMs: 2_000, ...opts.dispatcher };
  const makeDispatcher = (q: SqliteQueue): WebhookDispatcher => createWebhookDispatcher({ app, queue: q, cipher, targetPolicy: guard, launcher, clock, logger: silentLogger, ...options }).start();
  const services: ApiServices = {
    store, launcher, fetchers: { http }, clock, logger: silentLogger, targetPolicy: guard, app, secrets: cipher, localWorkspaceId: workspace.id,
    webhooks: makeDispatcher(queue),
  };
  const context = createContext(services);
  const api = opts.server ? await createApiServer(services, { port: 0, host: '127.0.0.1' }) : null;
  const stack: WebhookStack = {
    dir, site, store, app, queue, guard, proxy, launcher, clock, services, api, workspaceId: workspace.id,
    get dispatcher() {
      return services.webhooks!;
    },
    caller: () => callerFactory(context()),
    async restart(changes) {
      if (changes) options = { ...options, ...changes };
      await services.webhooks!.close();
      await queue.close();
      queue = openSqliteQueue(queuePath, { pollMs: 50 });
      stack.queue = queue;
      services.webhooks = makeDispatcher(queue);
    },
    async close() {
      await api?.close();
      await launcher.close();
      await services.webhooks!.close();
      await queue.close();
      await http.close();
      await proxy.close();
      await store.close();
      await app.close();
      await site.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return stack;
}
