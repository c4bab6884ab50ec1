import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  ClusterRunLauncher, createInProcessLauncher, createWebhookDispatcher, masterKeyFromEnv, SecretCipher,
  type ApiServices, type RunLauncher, type TargetGuard,
} from '@scrapifie/api';
import type { AppStore, CrawlStore, Fetcher, Logger, Queue } from '@scrapifie/engine';
import { InvalidInputError } from '@scrapifie/recipe';
import { openSqliteQueue, openSqliteStore } from '@scrapifie/store-sqlite';
import type { AppConfig } from '../config.ts';
import type { Check } from '../cluster/health-server.ts';
import { ClusterMetrics } from '../cluster/metrics.ts';
import { workspaceProxyPool } from '../runtime/proxies.ts';
import { openServeAuth } from './serve-auth.ts';

/** What `serve` runs the API on: the record, the launcher, and the services of server mode. */
export interface ServeRuntime {
  store: CrawlStore;
  launcher: RunLauncher;
  services: Pick<ApiServices, 'app' | 'authRequired' | 'auth' | 'localWorkspaceId' | 'secrets' | 'webhooks' | 'rateLimiter' | 'proxyPoolFor'>;
  /** One line for the start-up message. */
  describe: string;
  /** Whether this process fires the library schedules (one node; the team server has `scrapifie scheduler`). */
  firesSchedules: boolean;
  /** /readiness: the dependencies this node needs. */
  checks: Record<string, Check>;
  /** /metrics (the team server's queues, pages by tier, errors, breakers). */
  metrics?: ClusterMetrics | undefined;
  close(): Promise<void>;
}

export interface ServeRuntimeOptions {
  serve: AppConfig['serve'];
  /** The team server's settings (used when DATABASE_URL and REDIS_URL are set). */
  cluster: AppConfig['cluster'];
  dbPath: string;
  host: string;
  /** The API's public address, for links in webhook payloads (SCRAPIFIE_PUBLIC_URL). */
  publicUrl: string | undefined;
  fetchers: { http: Fetcher; browser?: Fetcher | undefined };
  guard: TargetGuard;
  logger: Logger;
}

export const masterKeyPathOf = (dbPath: string): string => `${dbPath}.master-key`;

/**
 * The master key credentials and webhook secrets are encrypted with: SCRAPIFIE_MASTER_KEY, or on a single node the
 * key kept next to the database (made on the first start, readable by this user only). A cluster needs the same key
 * on every node, so there it must come from the environment.
 */
export function serveMasterKey(dbPath: string | null, logger: Logger): Buffer {
  if (process.env.SCRAPIFIE_MASTER_KEY || dbPath === null) {
    try {
      return masterKeyFromEnv();
    } catch (e) {
      throw new InvalidInputError('INVALID_INPUT', (e as Error).message, [{ path: 'SCRAPIFIE_MASTER_KEY', message: dbPath === null ? 'required on the team server (every node needs the same key)' : 'invalid' }]);
    }
  }
  const file = masterKeyPathOf(dbPath);
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new InvalidInputError('INVALID_INPUT', `${file} does not hold a 32-byte base64 key: restore it from your backup (stored credentials cannot be read without it)`);
    chmodSync(file, 0o600);
    return key;
  }
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  logger.warn('made a master key for stored credentials; back it up (without it they cannot be read) or set SCRAPIFIE_MASTER_KEY', { file });
  return key;
}

function webhookServices(app: AppStore, queue: Queue, secrets: SecretCipher, launcher: RunLauncher, o: ServeRuntimeOptions): NonNullable<ServeRuntime['services']['webhooks']> {
  return createWebhookDispatcher({ app, queue, cipher: secrets, targetPolicy: o.guard, launcher, baseUrl: o.publicUrl, logger: o.logger }).start();
}

/** One node: the embedded SQLite record, the in-process launcher, a durable SQLite queue for webhook deliveries. */
async function openLocal(o: ServeRuntimeOptions): Promise<ServeRuntime> {
  const auth = await openServeAuth(o.serve.auth, o.dbPath, o.host);
  const secrets = new SecretCipher(serveMasterKey(o.dbPath, o.logger));
  const store = openSqliteStore(o.dbPath);
  const queue = openSqliteQueue(`${o.dbPath}.queue.sqlite`, { logger: o.logger });
  const launcher = createInProcessLauncher({ store, fetchers: o.fetchers, logger: o.logger });
  const webhooks = webhookServices(auth.app, queue, secrets, launcher, o);
  return {
    store,
    launcher,
    services: { ...auth.services, secrets, webhooks, proxyPoolFor: workspaceProxyPool },
    describe: `database ${o.dbPath}; ${auth.describe}`,
    firesSchedules: true,
    checks: { sqlite: async () => void (await store.listRuns(1)), application: async () => void (await auth.app.hasUsers()) },
    async close() {
      await webhooks.close();
      await launcher.close();
      await queue.close();
      await store.close();
      await auth.app.close();
    },
  };
}

/**
 * The team server: Postgres is the record (runs, users, workspaces), Redis delivers the work (BullMQ), holds the
 * rate limits of every API node, and carries webhook deliveries. Recipe runs go to the workers; a one-off scrape
 * (which brings its own page evaluator) is crawled on this node.
 */
async function openCluster(o: ServeRuntimeOptions): Promise<ServeRuntime> {
  const { openClusterRuntime } = await import('../cluster/runtime.ts'); // Postgres, Redis and BullMQ load only here
  const { openPgAppStore } = await import('@scrapifie/store-postgres');
  const { RedisRateLimiter } = await import('@scrapifie/queue-bullmq');
  const c = o.cluster;
  const secrets = new SecretCipher(serveMasterKey(null, o.logger));
  const rt = await openClusterRuntime(c, 'serve', { logger: o.logger });
  const closers: Array<() => Promise<void>> = [() => rt.close()];
  const close = async (): Promise<void> => {
    for (const f of closers.reverse()) await f();
  };
  try {
    const app = await openPgAppStore({ connectionString: c.databaseUrl!, schema: c.pgSchema, allowUnsafe: c.allowUnsafe, logger: o.logger });
    closers.push(() => app.close());
    const auth = await openServeAuth(o.serve.auth, o.dbPath, o.host, app);
    const local = createInProcessLauncher({ store: rt.store, fetchers: o.fetchers, logger: o.logger });
    const launcher = new ClusterRunLauncher({ store: rt.store, executor: rt.executor, local, logger: o.logger });
    closers.push(() => launcher.close());
    const webhooks = webhookServices(app, rt.queue, secrets, launcher, o);
    closers.push(() => webhooks.close());
    const rateLimiter = new RedisRateLimiter({ redis: rt.redis, prefix: c.queuePrefix });
    const metrics = new ClusterMetrics({ queues: ['scrape:http', 'scrape:browser', 'scrape:stealth', 'webhook'], queueDepth: (q) => rt.queue.depth(q), breakerState: (d) => rt.shared.breakerState(d) });
    return {
      store: rt.store,
      launcher,
      services: { ...auth.services, secrets, webhooks, rateLimiter },
      describe: `team server (Postgres schema ${c.pgSchema}, Redis prefix ${c.queuePrefix}); ${auth.describe}`,
      firesSchedules: false,
      checks: { postgres: async () => void (await rt.cluster.openRequests()), redis: async () => void (await rt.redis.ping()) },
      metrics,
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

/** The embedded single node, or the team server when DATABASE_URL and REDIS_URL are set (both, or a clear error). */
export function openServeRuntime(o: ServeRuntimeOptions): Promise<ServeRuntime> {
  return o.serve.databaseUrl || o.serve.redisUrl ? openCluster(o) : openLocal(o);
}
