import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appRouter, createApiServer, createCallerFactory, createContext, createInProcessLauncher, usageMeterOf, type ApiServer, type ApiServices } from '@scrapifie/api';
import { silentLogger, systemClock } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { RedisRateLimiter } from '@scrapifie/queue-bullmq';
import { openPgAppStore } from '@scrapifie/store-postgres';
import { openSqliteStore } from '@scrapifie/store-sqlite';
import { pgQuery, testPostgres, testRedis } from '@scrapifie/testkit';
import { startTestSite } from '@scrapifie/testsite';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';

/** A bare runtime's services: a SQLite crawl store in `dir`, impit, the in-process launcher. */
function baseServices(dir: string, name: string): ApiServices & { close(): Promise<void> } {
  const store = openSqliteStore(join(dir, `${name}.sqlite`));
  const http = new HttpFetcher();
  const launcher = createInProcessLauncher({ store, fetchers: { http } });
  return {
    store, launcher, fetchers: { http }, clock: systemClock, logger: silentLogger,
    async close() {
      await launcher.close();
      await http.close();
      await store.close();
    },
  };
}

describe('API rate limits in Redis, shared by two servers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-rl-'));
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds the auth limit (5 a minute per address) across both servers', async () => {
    const prefix = `${testRedis().prefix}_api_${randomBytes(4).toString('hex')}`;
    const servers: ApiServer[] = [];
    for (const name of ['one', 'two']) {
      // Each server its own Redis connection, as two processes would have.
      const redis = new Redis(testRedis().url);
      const base = baseServices(dir, name);
      const api = await createApiServer({ ...base, rateLimiter: new RedisRateLimiter({ redis, prefix }), rateLimits: {} }, { port: 0, host: '127.0.0.1' });
      servers.push(api);
      cleanups.push(async () => {
        await api.close();
        await base.close();
        redis.disconnect();
      });
    }
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await fetch(`${servers[i % 2]!.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).not.toContain(429);
    expect(statuses[5]).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await last!.json()) as { error: { code: string } }).error.code).toBe('TOO_MANY_REQUESTS');
    // Other calls have their own (general) bucket.
    const runs = await fetch(`${servers[0]!.url}/api/v1/runs`);
    expect(runs.status).toBe(200);
    expect(runs.headers.get('ratelimit-limit')).toBe('100');
  });
});

describe('page quotas on the Postgres AppStore', () => {
  it('grants exactly 5 of 20 concurrent one-page scrapes against a quota of 5 pages', async () => {
    const { url } = testPostgres();
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const dir = mkdtempSync(join(tmpdir(), 'scrapifie-quota-'));
    const site = await startTestSite({ pages: 1 });
    const app = await openPgAppStore({ connectionString: url, schema, max: 8 });
    const base = baseServices(dir, 'crawl');
    try {
      const user = await app.createUser({ email: `q-${schema}@example.test`, passwordHash: 'not-a-real-hash' });
      const ws = await app.createWorkspace({ name: 'Quota', ownerId: user.id });
      const services: ApiServices = { ...base, app, authRequired: true, quotas: { pagesPerMonth: 5 } };
      const caller = createCallerFactory(appRouter)(createContext(services)({ principal: { kind: 'apiKey', id: 'k', workspaceId: ws.id, role: 'editor' } }));
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => caller.scrape.start({ url: `${site.url}/list/1` })));
      const granted = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.taskId] : []));
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as { cause?: { code?: string } }).cause?.code] : []));
      expect(granted).toHaveLength(5);
      expect(refused).toEqual(Array(15).fill('QUOTA_EXCEEDED'));
      for (const id of granted) await base.launcher.waitUntilDone(id);
      await usageMeterOf(services)!.idle();
      const month = new Date().toISOString().slice(0, 7);
      expect(await app.quotaUsed(ws.id, 'pages', month)).toBe(5);
      expect((await app.usage(ws.id, { granularity: 'month' }))[0]).toMatchObject({ period: month, pages: 5 });
    } finally {
      await base.close();
      await app.close();
      await site.close();
      await pgQuery(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
