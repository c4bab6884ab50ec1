import type { TestProject } from 'vitest/node';
import { afterEach, describe, expect, it } from 'vitest';
import setup from '../src/services/global-setup.ts';
import { pgQuery } from '../src/services/postgres.ts';
import { freePort } from '../src/services/process.ts';
import type { TestServices } from '../src/services/provided.ts';
import { connectRedisOnce, pingRedis } from '../src/services/redis.ts';

/** Runs the globalSetup as vitest would, capturing what it provides. */
async function runSetup(): Promise<{ services: TestServices; teardown: () => Promise<void> }> {
  let services: TestServices | undefined;
  const project = { provide: (_key: string, value: TestServices) => (services = value) } as unknown as TestProject;
  const teardown = await setup(project);
  if (!services) throw new Error('globalSetup provided nothing');
  return { services, teardown };
}

async function redisKeys(url: string, pattern: string): Promise<string[]> {
  const r = connectRedisOnce(url);
  try {
    await r.connect();
    return await r.keys(pattern);
  } finally {
    r.disconnect();
  }
}

describe("testkit's globalSetup", () => {
  const saved = { pg: process.env.SCRAPIFIE_TEST_PG_URL, redis: process.env.SCRAPIFIE_TEST_REDIS_URL };
  afterEach(() => {
    for (const [k, v] of [['SCRAPIFIE_TEST_PG_URL', saved.pg], ['SCRAPIFIE_TEST_REDIS_URL', saved.redis]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('gives the run its own database and key prefix on the running servers, and removes both after', async () => {
    const { services, teardown } = await runSetup();
    if ('error' in services.postgres || 'error' in services.redis) throw new Error(JSON.stringify(services));
    const { url, adminUrl, database } = services.postgres;
    expect(database).toMatch(/^scrapifie_test_[0-9a-f]{10}$/);
    expect(await pgQuery(url, 'SELECT current_database() AS db')).toEqual([{ db: database }]);
    const { url: redisUrl, prefix } = services.redis;
    expect(prefix).toMatch(/^scrapifie_test_[0-9a-f]{10}$/);
    const r = connectRedisOnce(redisUrl);
    await r.connect();
    await r.set(`${prefix}:probe`, '1');
    r.disconnect();

    await teardown();
    expect(await pgQuery(adminUrl, `SELECT datname FROM pg_database WHERE datname = '${database}'`)).toEqual([]);
    expect(await redisKeys(redisUrl, `${prefix}*`)).toEqual([]);
  });

  it('starts throwaway Postgres and Redis from the installed binaries when none answers, and stops them after', async () => {
    process.env.SCRAPIFIE_TEST_PG_URL = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
    process.env.SCRAPIFIE_TEST_REDIS_URL = `redis://127.0.0.1:${await freePort()}`;
    const { services, teardown } = await runSetup();
    try {
      if ('error' in services.postgres || 'error' in services.redis) throw new Error(JSON.stringify(services));
      expect(new URL(services.postgres.url).port).not.toBe(new URL(process.env.SCRAPIFIE_TEST_PG_URL).port);
      expect(await pgQuery(services.postgres.url, "SELECT current_setting('fsync') AS fsync")).toEqual([{ fsync: 'on' }]);
      await pingRedis(services.redis.url);
    } finally {
      await teardown();
    }
    if ('error' in services.postgres || 'error' in services.redis) return;
    await expect(pgQuery(services.postgres.url, 'SELECT 1', 1000)).rejects.toThrow();
    await expect(pingRedis(services.redis.url, 1000)).rejects.toThrow();
  }, 120_000);
});
