import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort, waitFor } from './process.ts';

/** Where tests look for Redis first (override with SCRAPIFIE_TEST_REDIS_URL). */
export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** A connection that fails fast instead of retrying forever: for probes and test set-up. */
export function connectRedisOnce(url: string, timeoutMs = 3000): Redis {
  const r = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: true });
  r.on('error', () => undefined); // failures surface as the command's rejection
  return r;
}

/** Resolves when Redis at `url` answers PING. */
export async function pingRedis(url: string, timeoutMs = 3000): Promise<void> {
  const r = connectRedisOnce(url, timeoutMs);
  try {
    await r.connect();
    await r.ping();
  } finally {
    r.disconnect();
  }
}

export interface ThrowawayRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts a private redis-server (from PATH or SCRAPIFIE_REDIS_SERVER) on a free port of 127.0.0.1,
 * without persistence. `args` are extra server options, e.g. ['--maxmemory-policy', 'allkeys-lru'].
 */
export async function startThrowawayRedis(opts: { args?: string[] } = {}): Promise<ThrowawayRedis> {
  const bin = process.env.SCRAPIFIE_REDIS_SERVER ?? 'redis-server';
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', ...(opts.args ?? [])];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (output = (output + c).slice(-4000)));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (output = (output + c).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (e) => reject(new Error(`cannot start ${bin} (install Debian's "redis-server" package): ${e.message}`))),
  );
  const url = `redis://127.0.0.1:${port}`;
  try {
    await Promise.race([
      spawnError,
      exited.then(() => Promise.reject(new Error(`${bin} exited at start:\n${output}`))),
      waitFor('throwaway Redis', () => pingRedis(url, 1000), 20_000),
    ]);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    url,
    port,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Deletes every key that starts with `prefix` (SCAN, so a big keyspace is never blocked). Returns how many. */
export async function deleteKeysWithPrefix(url: string, prefix: string): Promise<number> {
  const r = connectRedisOnce(url);
  let deleted = 0;
  try {
    await r.connect();
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await r.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
  return deleted;
}
