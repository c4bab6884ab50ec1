import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterEnv, listingRecipe, openTestRuntime, startNode, stop, type WorkerProcess } from './harness.ts';

const PAGES = 80;
const LIMIT = 6;

/** The most requests that arrived within any 1-second window (each window starts at a request). */
function busiestSecond(times: number[]): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while ((t[j] as number) < (t[i] as number) - 999) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

function pagesFetched(metrics: string): number {
  return [...metrics.matchAll(/^scrapifie_pages_total\{[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

describe('cluster: 1 API node and 3 worker processes', () => {
  let site: { url: string; child: ChildProcess };
  const dir = mkdtempSync(join(tmpdir(), 'scrapifie-multi-'));
  beforeAll(async () => {
    const child = fork(fileURLToPath(new URL('./site-child.ts', import.meta.url)), [String(PAGES)], { stdio: 'inherit' });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (m) => resolve((m as { url: string }).url));
      child.once('exit', (c) => reject(new Error(`the fixture site exited (${c})`)));
    });
    site = { url, child };
  });
  afterAll(async () => {
    site?.child.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds the per-domain rate limit across the cluster and shares the work', async () => {
    const env = clusterEnv({ SCRAPIFIE_HEALTH_PORT: '0', SCRAPIFIE_LANES: '6', SCRAPIFIE_BATCH_SIZE: '10' });
    const recipePath = join(dir, 'recipe.json');
    writeFileSync(recipePath, JSON.stringify(listingRecipe(`${site.url}/list/1`, { requests: LIMIT, perSeconds: 1 })));
    const rt = await openTestRuntime(env);
    const workers: WorkerProcess[] = [];
    try {
      workers.push(...(await Promise.all([startNode(env), startNode(env), startNode(env)])));
      site.child.send('reset');
      // The API node: submits the run and waits for its end (exit code 0: completed).
      const api = await startNode(env, ['submit', recipePath, '--wait'], { waitReady: false });
      const code = await api.exited;
      expect(code, api.output()).toBe(0);
      const summary = JSON.parse(api.output().trim().split('\n').filter((l) => l.startsWith('{')).at(-1) as string);
      expect(summary.status).toBe('completed');
      expect(summary.progress.items).toBe(PAGES * 20);
      site.child.send('log');
      const log = await new Promise<Array<{ path: string; at: number }>>((resolve) => site.child.once('message', (m) => resolve(m as Array<{ path: string; at: number }>)));
      const times = log.map((r) => r.at);
      expect(times.length).toBeGreaterThanOrEqual(PAGES);
      expect(busiestSecond(times)).toBeLessThanOrEqual(LIMIT);
      // Work is shared: every worker fetched pages (from its own /metrics).
      const shares: number[] = [];
      for (const w of workers) {
        const url = /health (http:\/\/\S+)/.exec(w.output())?.[1];
        expect(url).toBeTruthy();
        const ready = await fetch(`${url}/readiness`);
        expect(ready.status).toBe(200);
        shares.push(pagesFetched(await (await fetch(`${url}/metrics`)).text()));
      }
      expect(shares.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(PAGES);
      for (const s of shares) expect(s).toBeGreaterThan(0);
    } finally {
      await Promise.all(workers.map((w) => stop(w, 'SIGTERM')));
      await rt.close();
    }
  }, 200_000);
});
