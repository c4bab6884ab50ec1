import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseRecipe, type Recipe } from '@scrapifie/recipe';
import { pingRedis, testPostgres, testRedis } from '@scrapifie/testkit';
import { loadConfig } from '../../src/config.ts';
import { openClusterRuntime, type ClusterRuntime } from '../../src/cluster/runtime.ts';
import { silentLogger } from '@scrapifie/engine';

const BIN = fileURLToPath(new URL('../../bin/scrapifie.js', import.meta.url));

/** A cluster of its own inside the test run's database and Redis: its own Postgres schema and key prefix. */
export function clusterEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const tag = randomBytes(4).toString('hex');
  return {
    DATABASE_URL: testPostgres().url,
    REDIS_URL: testRedis().url,
    SCRAPIFIE_PG_SCHEMA: `cluster_${tag}`,
    SCRAPIFIE_QUEUE_PREFIX: `${testRedis().prefix}_${tag}`,
    SCRAPIFIE_LEASE_MS: '2000',
    SCRAPIFIE_LOCK_MS: '3000',
    SCRAPIFIE_STALE_MS: '3000',
    SCRAPIFIE_RECONCILE_MS: '500',
    SCRAPIFIE_LANES: '3',
    SCRAPIFIE_BATCH_SIZE: '40',
    SCRAPIFIE_LOG_LEVEL: 'warn',
    ...overrides,
  };
}

/** The runtime the test itself uses (as the API node would): submit runs, read the store. */
export function openTestRuntime(env: Record<string, string>): Promise<ClusterRuntime> {
  return openClusterRuntime(loadConfig({ ...process.env, ...env }).cluster, 'test', { logger: silentLogger });
}

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

/** Starts `scrapifie <args>` (a worker by default) as its own process and waits until it says it is ready. */
export async function startNode(env: Record<string, string>, args: string[] = ['worker', '--concurrency', '2'], opts: { waitReady?: boolean } = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, HTTP_PROXY: '', HTTPS_PROXY: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (out = (out + c).slice(-20_000)));
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (out = (out + c).slice(-20_000)));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  if (opts.waitReady === false) return { child, output: () => out, exited };
  const ready = new Promise<void>((resolve, reject) => {
    const t = setInterval(() => {
      if (/ready/.test(out)) {
        clearInterval(t);
        resolve();
      }
    }, 20);
    void exited.then((c) => {
      clearInterval(t);
      reject(new Error(`scrapifie ${args.join(' ')} exited (${c}) before it was ready:\n${out}`));
    });
  });
  await Promise.race([ready, new Promise((_, reject) => setTimeout(() => reject(new Error(`scrapifie ${args[0]} not ready after 90 s:\n${out}`)), 90_000))]);
  return { child, output: () => out, exited };
}

/** The fixture shop's listing through its numbered pager: one row per product, one request per listing page. */
export function listingRecipe(startUrl: string, rate: { requests: number; perSeconds: number }): Recipe {
  return parseRecipe({
    version: 1,
    name: 'cluster listing',
    start: { urls: [startUrl] },
    fetch: { mode: 'http', timeoutMs: 10_000, retry: { maxAttempts: 4, baseDelayMs: 50, maxDelayMs: 500 } },
    page: {
      items: {
        css: 'article.product',
        fields: {
          title: { css: 'h2 a', transforms: ['trim'] },
          price: { css: '.price', transforms: ['price'] },
          url: { css: 'h2 a', take: 'attr', attr: 'href', transforms: ['absoluteUrl'] },
        },
      },
      pagination: { pager: { css: 'nav.pagination a' } },
    },
    politeness: { maxConcurrency: 4, perDomainConcurrency: 4, rateLimit: { ...rate, adaptive: false }, circuitBreaker: { windowSize: 50, failureThreshold: 50, cooldownMs: 1000 } },
  });
}

export async function waitForFinal(rt: ClusterRuntime, runId: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await rt.store.getRun(runId);
    if (run && !['queued', 'running'].includes(run.status)) return run.status;
    if (Date.now() > deadline) {
      const c = await rt.store.counts(runId);
      throw new Error(`run ${runId} still ${run?.status} after ${timeoutMs} ms: ${JSON.stringify(c)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every row of a run as "key data" lines, sorted: equal sets mean the same result. */
export async function resultSet(store: { results: ClusterRuntime['store']['results'] }, runId: string): Promise<string[]> {
  const out: string[] = [];
  let after = 0;
  for (;;) {
    const page = await store.results(runId, { afterSeq: after, limit: 1000 });
    if (page.length === 0) break;
    for (const r of page) out.push(`${r.key} ${JSON.stringify(r.data)}`);
    after = page.at(-1)!.seq;
  }
  return out.sort();
}

export function stop(w: WorkerProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<number | string> {
  if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill(signal);
  return w.exited;
}

/** A redis-server of the test's own on `port` (no persistence: a restart loses every key). */
export async function startRedisOn(port: number): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.env.SCRAPIFIE_REDIS_SERVER ?? 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await pingRedis(url, 1000);
      break;
    } catch (e) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`redis-server on port ${port} did not start: ${(e as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
