import { ClusterExecutor, Reconciler, type Fetchers, type Logger } from '@scrapifie/engine';
import type { RunEvent } from '@scrapifie/recipe';
import { openBullmqQueue, RedisSharedPoliteness, type BullmqQueue } from '@scrapifie/queue-bullmq';
import { InvalidInputError } from '@scrapifie/recipe';
import { openPgStore, PgClusterStore, type PgCrawlStore } from '@scrapifie/store-postgres';
import { Redis } from 'ioredis';
import type { ClusterConfig } from './config.ts';
import type { ClusterMetrics } from './metrics.ts';

export interface ClusterRuntime {
  store: PgCrawlStore;
  cluster: PgClusterStore;
  queue: BullmqQueue;
  /** A plain connection for politeness keys and readiness pings. */
  redis: Redis;
  executor: ClusterExecutor;
  shared: RedisSharedPoliteness;
  reconciler: Reconciler;
  close(): Promise<void>;
}

/** The cluster needs both: Postgres is the record, Redis delivers the work. */
export function requireCluster(c: ClusterConfig, command: string): { databaseUrl: string; redisUrl: string } {
  if (!c.databaseUrl || !c.redisUrl) {
    const missing = [c.databaseUrl ? null : 'DATABASE_URL', c.redisUrl ? null : 'REDIS_URL'].filter(Boolean).join(' and ');
    throw new InvalidInputError('INVALID_INPUT', `scrapifie ${command} runs on the team server's Postgres and Redis: set ${missing} (e.g. DATABASE_URL=postgres://user@host/db REDIS_URL=redis://host:6379)`, [
      { path: missing, message: 'required' },
    ]);
  }
  return { databaseUrl: c.databaseUrl, redisUrl: c.redisUrl };
}

/**
 * Connects to Postgres (migrated) and Redis, refusing unsafe settings (fsync or synchronous_commit off, an evicting
 * maxmemory-policy) unless SCRAPIFIE_ALLOW_UNSAFE is set, and builds the executor and the reconciler.
 */
export async function openClusterRuntime(c: ClusterConfig, command: string, o: { logger: Logger; fetchers?: Fetchers | undefined; metrics?: ClusterMetrics | undefined }): Promise<ClusterRuntime> {
  const urls = requireCluster(c, command);
  const store = await openPgStore({ connectionString: urls.databaseUrl, schema: c.pgSchema, allowUnsafe: c.allowUnsafe, logger: o.logger });
  let queue: BullmqQueue;
  try {
    queue = await openBullmqQueue({ connection: urls.redisUrl, prefix: c.queuePrefix, allowUnsafe: c.allowUnsafe, lockDurationMs: c.lockMs, stalledIntervalMs: Math.max(1000, Math.floor(c.lockMs / 2)), logger: o.logger });
  } catch (e) {
    await store.close();
    throw e;
  }
  const redis = new Redis(urls.redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', (e) => o.logger.warn('Redis (politeness) connection error', { error: e.message }));
  const cluster = new PgClusterStore(store.db);
  const shared = new RedisSharedPoliteness({ redis, prefix: c.queuePrefix });
  const metrics = o.metrics;
  const executor = new ClusterExecutor({
    store,
    cluster,
    queue,
    fetchers: o.fetchers,
    shared,
    logger: o.logger,
    batchSize: c.batchSize,
    lanes: c.lanes,
    leaseMs: c.leaseMs,
    maxQueueDepth: c.maxQueueDepth,
    onEvent: metrics ? (e: RunEvent) => metrics.onEvent(e) : undefined,
  });
  const reconciler = new Reconciler({ cluster, executor, leaseMs: c.leaseMs, staleMs: c.staleMs, intervalMs: c.reconcileMs, logger: o.logger });
  return {
    store,
    cluster,
    queue,
    redis,
    executor,
    shared,
    reconciler,
    async close() {
      await reconciler.stop();
      await queue.close();
      redis.disconnect();
      await store.close();
    },
  };
}
