import { Redis, type RedisOptions } from 'ioredis';
import { BullmqQueue, type BullmqQueueOptions } from './bullmq-queue.ts';
import { checkRedisSafety } from './safety.ts';

export interface OpenBullmqQueueOptions extends BullmqQueueOptions {
  /** redis://[user:password@]host:port[/db], or ioredis options. */
  connection: string | RedisOptions;
  /** For throwaway test servers only: start despite an evicting maxmemory-policy, with a loud warning. */
  allowUnsafe?: boolean | undefined;
}

/** Connects to Redis, refuses an evicting maxmemory-policy (see checkRedisSafety), and returns the queue (which closes the connection). */
export async function openBullmqQueue(opts: OpenBullmqQueueOptions): Promise<BullmqQueue> {
  const base: RedisOptions = { maxRetriesPerRequest: null, lazyConnect: true };
  const redis = typeof opts.connection === 'string' ? new Redis(opts.connection, base) : new Redis({ ...opts.connection, ...base });
  redis.on('error', (e) => opts.logger?.error('Redis connection error', { error: e.message }));
  try {
    await redis.connect();
    await checkRedisSafety(redis, { allowUnsafe: opts.allowUnsafe, logger: opts.logger });
  } catch (e) {
    redis.disconnect();
    throw e;
  }
  return new BullmqQueue(redis, opts, true);
}
