import { assertQueueName, type Consumer, type Logger, type QueueName } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { InvalidInputError } from '@scrapifie/recipe';
import type { ClusterConfig } from '../cluster/config.ts';
import { startHealthServer, type HealthServer } from '../cluster/health-server.ts';
import { ClusterMetrics } from '../cluster/metrics.ts';
import { openClusterRuntime } from '../cluster/runtime.ts';
import { EXIT } from './exit-codes.ts';

export interface WorkerCommandOptions {
  cluster: ClusterConfig;
  /** Comma-separated tier queues (default scrape:http). */
  queues: string | undefined;
  /** Batch jobs at once per queue (default 2). */
  concurrency: number | undefined;
  logger: Logger;
  stderr: NodeJS.WritableStream;
  /** SIGTERM/SIGINT: running batches stop starting fetches, finish the ones in flight, hand their rest back to the queue. */
  signal: AbortSignal;
}

export function parseQueues(raw: string | undefined): QueueName[] {
  const names = (raw ?? 'scrape:http').split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new InvalidInputError('INVALID_INPUT', '--queues needs at least one queue name, e.g. scrape:http,scrape:browser');
  for (const n of names) {
    try {
      assertQueueName(n);
    } catch (e) {
      throw new InvalidInputError('INVALID_INPUT', `--queues: ${(e as Error).message}`, [{ path: '--queues', message: (e as Error).message }]);
    }
  }
  return names as QueueName[];
}

/** `scrapifie worker`: takes batch jobs from the tier queues and crawls them, until SIGTERM. */
export async function workerCommand(o: WorkerCommandOptions): Promise<number> {
  const queues = parseQueues(o.queues);
  const concurrency = o.concurrency ?? 2;
  const http = new HttpFetcher();
  let metrics: ClusterMetrics | undefined;
  const rt = await openClusterRuntime(o.cluster, 'worker', {
    logger: o.logger,
    fetchers: { http },
    metrics: (metrics = new ClusterMetrics({
      queues,
      queueDepth: (q) => rt.queue.depth(q),
      breakerState: (d) => rt.shared.breakerState(d),
    })),
  });
  let consumers: Consumer[] = [];
  let health: HealthServer | undefined;
  try {
    consumers = rt.executor.consume(queues, concurrency);
    rt.reconciler.start();
    if (o.cluster.healthPort !== undefined) {
      health = await startHealthServer({
        host: '127.0.0.1',
        port: o.cluster.healthPort,
        metrics,
        logger: o.logger,
        checks: {
          postgres: async () => void (await rt.cluster.openRequests()),
          redis: async () => void (await rt.redis.ping()),
          fetchers: async () => undefined,
        },
      });
    }
    o.stderr.write(`scrapifie worker ready: queues ${queues.join(',')}, concurrency ${concurrency}, pid ${process.pid}${health ? `, health ${health.url}` : ''}\n`);
    if (!o.signal.aborted) await new Promise<void>((resolve) => o.signal.addEventListener('abort', () => resolve(), { once: true }));
    o.stderr.write('scrapifie worker stopping: in-flight fetches finish, the rest of each batch goes back to the queue\n');
    await Promise.all(consumers.map((c) => c.close({ abort: true })));
    consumers = [];
    o.stderr.write('scrapifie worker stopped\n');
    return EXIT.OK;
  } finally {
    await Promise.all(consumers.map((c) => c.close({ abort: true })));
    await health?.close();
    await rt.close();
    await http.close();
  }
}
