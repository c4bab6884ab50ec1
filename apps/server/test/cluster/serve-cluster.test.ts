import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScrapifieClient } from '@scrapifie/client';
import { pgQuery } from '@scrapifie/testkit';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterEnv, startNode, type WorkerProcess } from './harness.ts';

// `scrapifie serve` as an API node of the team server: runs started over REST are crawled by a separate worker
// process through BullMQ, recorded in Postgres, and followed by the API node (status, results, events).
describe('scrapifie serve on Postgres + Redis', () => {
  let site: TestSite;
  let dir: string;
  const env = clusterEnv({ SCRAPIFIE_MASTER_KEY: randomBytes(32).toString('base64'), SCRAPIFIE_ALLOW_TARGETS: '127.0.0.1' });
  const nodes: WorkerProcess[] = [];
  beforeAll(async () => {
    site = await startTestSite({ pages: 4 });
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-serve-cluster-'));
  });
  afterAll(async () => {
    for (const n of nodes) n.child.kill('SIGTERM');
    await Promise.all(nodes.map((n) => n.exited));
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await pgQuery(env.DATABASE_URL!, `DROP SCHEMA IF EXISTS ${env.SCRAPIFIE_PG_SCHEMA} CASCADE`);
  });

  it('runs a recipe started over REST on a worker node and serves its status and rows', async () => {
    nodes.push(await startNode(env));
    const api = await startNode({ ...env, SCRAPIFIE_DB: join(dir, 'api.sqlite') }, ['serve', '--port', '0', '--host', '127.0.0.1'], { waitReady: false });
    nodes.push(api);
    let url = '';
    for (const deadline = Date.now() + 60_000; !url; await new Promise((r) => setTimeout(r, 100))) {
      url = /Scrapifie API on (http:\/\/[^:]+:\d+)/.exec(api.output())?.[1] ?? '';
      if (Date.now() > deadline) throw new Error(`serve did not start:\n${api.output()}`);
    }
    expect(api.output()).toMatch(/team server \(Postgres schema cluster_/);
    const ready = await fetch(`${url}/readiness`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/scrapifie_queue_jobs\{queue="scrape:http",state="waiting"\} \d+/);
    const recipe = {
      version: 1,
      name: 'served on the cluster',
      start: { urls: [`${site.url}/list/1`] },
      fetch: { mode: 'http' },
      page: { items: { css: 'article.product', fields: { title: { css: 'h2 a', transforms: ['trim'] } } }, pagination: { pager: { css: 'nav.pagination a' } } },
    };
    const started = await fetch(`${url}/api/v1/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ recipe }) });
    expect(started.status).toBe(202);
    const { data } = (await started.json()) as { data: { runId: string } };
    let status = '';
    for (const deadline = Date.now() + 60_000; !['completed', 'partially_completed', 'failed'].includes(status); await new Promise((r) => setTimeout(r, 250))) {
      const r = (await (await fetch(`${url}/api/v1/runs/${data.runId}`)).json()) as { data: { status: string } };
      status = r.data.status;
      if (Date.now() > deadline) throw new Error(`run still ${status}:\n${api.output()}`);
    }
    expect(status).toBe('completed');
    const rows = (await (await fetch(`${url}/api/v1/runs/${data.runId}/results?limit=1000`)).json()) as { data: { items: Array<{ data: { title: string } }> } };
    // The typed client reads the same run through tRPC.
    const client = createScrapifieClient({ url });
    expect(await client.runs.status.query({ runId: data.runId })).toMatchObject({ runId: data.runId, status: 'completed' });
    const truth = [1, 2, 3, 4].flatMap((p) => site.truth.listing(p).map((i) => i.title));
    expect(rows.data.items.map((r) => r.data.title).sort()).toEqual(truth.sort());
  }, 120_000);

  it('refuses to start as a cluster API node without the master key every node must share', async () => {
    const { SCRAPIFIE_MASTER_KEY: _omit, ...noKey } = env;
    const api = await startNode({ ...noKey, SCRAPIFIE_MASTER_KEY: '', SCRAPIFIE_DB: join(dir, 'nokey.sqlite') }, ['serve', '--port', '0'], { waitReady: false });
    expect(await api.exited).toBe(2);
    expect(api.output()).toMatch(/SCRAPIFIE_MASTER_KEY is not set/);
  }, 60_000);
});
