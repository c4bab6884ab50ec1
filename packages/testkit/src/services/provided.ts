import { inject } from 'vitest';

/** What the testkit's globalSetup hands the tests: a server per kind, or why there is none. */
export interface TestServices {
  postgres: { url: string; adminUrl: string; database: string } | { error: string };
  redis: { url: string; prefix: string } | { error: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    scrapifieServices: TestServices;
  }
}

function services(): TestServices {
  const s = inject('scrapifieServices');
  if (!s) throw new Error("the testkit's globalSetup did not run: vitest.config.ts must list '@scrapifie/testkit/global-setup' in test.globalSetup");
  return s;
}

/** This test run's own Postgres database (created for the run, dropped after it). Throws why when there is none. */
export function testPostgres(): { url: string; adminUrl: string; database: string } {
  const pg = services().postgres;
  if ('error' in pg) throw new Error(pg.error);
  return pg;
}

/** The Redis server and this test run's own key prefix (its keys are deleted after the run). Throws why when there is none. */
export function testRedis(): { url: string; prefix: string } {
  const r = services().redis;
  if ('error' in r) throw new Error(r.error);
  return r;
}
