/**
 * vitest globalSetup: gives the test run a fresh Postgres database and a fresh Redis key prefix, and
 * removes both afterwards. Uses the servers at SCRAPIFIE_TEST_PG_URL / SCRAPIFIE_TEST_REDIS_URL
 * (default 127.0.0.1:5432 and :6379); where none answers, starts throwaway ones from the installed
 * binaries. Where even that fails, the reason is passed on and every test that needs the server fails
 * with it (tests that do not need it still run).
 */
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { DEFAULT_TEST_PG_URL, pgQuery, startThrowawayPostgres, withDatabase, type ThrowawayPostgres } from './postgres.ts';
import { say } from './process.ts';
import type { TestServices } from './provided.ts';
import { DEFAULT_TEST_REDIS_URL, deleteKeysWithPrefix, pingRedis, startThrowawayRedis, type ThrowawayRedis } from './redis.ts';

type Teardown = () => Promise<void>;

async function preparePostgres(tag: string, teardowns: Teardown[]): Promise<TestServices['postgres']> {
  let adminUrl = process.env.SCRAPIFIE_TEST_PG_URL ?? DEFAULT_TEST_PG_URL;
  try {
    try {
      await pgQuery(adminUrl, 'SELECT 1');
    } catch (e) {
      say(`no Postgres at ${new URL(adminUrl).host} (${(e as Error).message}): starting a throwaway cluster`);
      const pgServer: ThrowawayPostgres = await startThrowawayPostgres();
      teardowns.push(() => pgServer.stop());
      adminUrl = pgServer.url;
      say(`throwaway Postgres on port ${pgServer.port}`);
    }
    const database = `scrapifie_test_${tag}`;
    await pgQuery(adminUrl, `CREATE DATABASE ${database}`);
    teardowns.push(async () => {
      await pgQuery(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    });
    return { url: withDatabase(adminUrl, database), adminUrl, database };
  } catch (e) {
    const error = `Postgres is unavailable for tests: ${(e as Error).message}`;
    say(`WARNING: ${error}`);
    return { error };
  }
}

async function prepareRedis(tag: string, teardowns: Teardown[]): Promise<TestServices['redis']> {
  let url = process.env.SCRAPIFIE_TEST_REDIS_URL ?? DEFAULT_TEST_REDIS_URL;
  try {
    try {
      await pingRedis(url);
    } catch (e) {
      say(`no Redis at ${new URL(url).host} (${(e as Error).message}): starting a throwaway redis-server`);
      const server: ThrowawayRedis = await startThrowawayRedis();
      teardowns.push(() => server.stop());
      url = server.url;
      say(`throwaway Redis on port ${server.port}`);
    }
    const prefix = `scrapifie_test_${tag}`;
    const finalUrl = url;
    teardowns.push(async () => {
      await deleteKeysWithPrefix(finalUrl, prefix);
    });
    return { url, prefix };
  } catch (e) {
    const error = `Redis is unavailable for tests: ${(e as Error).message}`;
    say(`WARNING: ${error}`);
    return { error };
  }
}

export default async function setup(project: TestProject): Promise<Teardown> {
  const tag = randomBytes(5).toString('hex');
  const teardowns: Teardown[] = [];
  const [postgres, redis] = await Promise.all([preparePostgres(tag, teardowns), prepareRedis(tag, teardowns)]);
  const services: TestServices = { postgres, redis };
  project.provide('scrapifieServices', services);
  return async () => {
    // Last set up, first torn down: the database goes before its throwaway server.
    for (const t of teardowns.reverse()) {
      await t().catch((e: unknown) => say(`WARNING: test clean-up failed: ${(e as Error).message}`));
    }
  };
}
