import type { Redis } from 'ioredis';

const KEEP_MS = 7 * 24 * 3600_000;

/**
 * The runs cancelled cluster-wide: a sorted set (run id -> time of cancel) under the queue prefix.
 * Kept a week, long past any job of the run.
 */
export class CancelledRuns {
  private readonly redis: Redis;
  readonly key: string;

  constructor(redis: Redis, prefix: string) {
    this.redis = redis;
    this.key = `${prefix}:cancelled-runs`;
  }

  async add(runId: string): Promise<void> {
    const now = Date.now();
    await this.redis.multi().zadd(this.key, now, runId).zremrangebyscore(this.key, '-inf', now - KEEP_MS).exec();
  }

  async has(runId: string): Promise<boolean> {
    return (await this.redis.zscore(this.key, runId)) !== null;
  }

  /** Which of `runIds` are cancelled (one round trip). */
  async which(runIds: string[]): Promise<Set<string>> {
    if (runIds.length === 0) return new Set();
    const scores = await this.redis.zmscore(this.key, ...runIds);
    return new Set(runIds.filter((_, i) => scores[i] !== null));
  }
}
