import { silentLogger, type Logger } from '@scrapifie/engine';
import type { Redis } from 'ioredis';

/** A Redis setting that can silently drop queued work; thrown at start-up unless explicitly allowed. */
export class UnsafeRedisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeRedisError';
  }
}

/**
 * Refuses a Redis whose maxmemory-policy is not noeviction: under memory pressure any other policy
 * evicts keys, and a queue that loses its keys loses jobs without an error. Read from INFO (works
 * where CONFIG is disabled, as on many managed services). Returns the problems found (empty when safe).
 */
export async function checkRedisSafety(redis: Redis, opts: { allowUnsafe?: boolean | undefined; logger?: Logger | undefined } = {}): Promise<string[]> {
  const info = await redis.info('memory');
  const policy = /^maxmemory_policy:(\S+)/m.exec(info)?.[1];
  if (!policy) throw new Error('Redis did not report its maxmemory_policy (INFO memory)');
  if (policy === 'noeviction') return [];
  const problem = `maxmemory-policy is "${policy}" (must be noeviction: any other policy lets Redis evict queued jobs under memory pressure)`;
  const message = `Unsafe Redis settings: ${problem}. Set "maxmemory-policy noeviction" in redis.conf (or CONFIG SET maxmemory-policy noeviction).`;
  if (!opts.allowUnsafe) throw new UnsafeRedisError(message);
  (opts.logger ?? silentLogger).warn(`!!! ${message} Continuing ONLY because unsafe settings were explicitly allowed (tests); never do this in production.`);
  process.stderr.write(`WARNING: ${message} Continuing because allowUnsafe is set: queued jobs may be lost.\n`);
  return [problem];
}
