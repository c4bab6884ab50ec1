import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/index.ts';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const PAGES = 20;
const PER_PAGE = 10;

interface ChildResult {
  killed: boolean;
  pagesSeen: number;
  output: string;
}

/** Runs the crawl in a child process and SIGKILLs it after `killAfterPages` stored pages or `killAfterMs`, whichever comes first. */
function runChild(args: string[], kill: { afterPages?: number; afterMs?: number }): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let pagesSeen = 0;
    let output = '';
    let killed = false;
    const killNow = (): void => {
      if (!killed && child.exitCode === null) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    const timer = kill.afterMs === undefined ? undefined : setTimeout(killNow, kill.afterMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      pagesSeen += chunk.split('\n').filter((l) => l === 'p').length;
      if (kill.afterPages !== undefined && pagesSeen >= kill.afterPages) killNow();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (!killed && code !== 0) reject(new Error(`crawl child failed (code ${code}, signal ${signal}):\n${output}`));
      else resolve({ killed: killed && signal === 'SIGKILL', pagesSeen, output });
    });
  });
}

describe('crash safety', () => {
  let site: TestSite;
  let dir: string;
  beforeAll(async () => {
    site = await startTestSite({ pages: PAGES, itemsPerPage: PER_PAGE, seed: 42 });
    dir = mkdtempSync(join(tmpdir(), 'scrapifie-crash-'));
  });
  afterAll(async () => {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a run SIGKILLed again and again, resumed each time, ends with every row exactly once', async () => {
    const dbPath = join(dir, 'runs.db');
    const runId = 'crash-run';
    const args = [dbPath, site.url, runId];
    const plan: string[] = [];
    let kills = 0;
    let done: ChildResult | undefined;
    for (let round = 0; round < 10 && !done; round++) {
      // Six kills: mostly mid-crawl after a random number of stored pages, every third at a random time
      // (which may land during start-up, a claim or a commit). Then one run to the end.
      const kill = round >= 6 ? {} : round % 3 === 2 ? { afterMs: 150 + Math.floor(Math.random() * 500) } : { afterPages: 3 + Math.floor(Math.random() * 30) };
      const r = await runChild(args, kill);
      plan.push(`${JSON.stringify(kill)} -> ${r.killed ? `killed after ${r.pagesSeen} pages` : r.output.trim().split('\n').at(-1)}`);
      if (r.killed) kills++;
      else done = r;
    }
    expect(done?.output, plan.join('\n')).toMatch(/done completed/);
    expect(kills, plan.join('\n')).toBeGreaterThanOrEqual(4);

    const store = openSqliteStore(dbPath);
    try {
      expect(store.integrityCheck()).toBe('ok');
      expect(await store.counts(runId)).toEqual({ pending: 0, inFlight: 0, succeeded: PAGES + PAGES * PER_PAGE, failed: 0, results: PAGES * PER_PAGE });
      const rows = await store.results(runId, { limit: 100_000 });
      const got = rows.map((r) => r.data).sort((a, b) => String(a.sku).localeCompare(String(b.sku)));
      const expected = site.truth
        .allItems()
        .map((it) => ({ title: it.title, link: it.url, sku: it.sku, stock: site.truth.item(it.id).stock }))
        .sort((a, b) => a.sku.localeCompare(b.sku));
      expect(got).toEqual(expected);
      expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
      expect((await store.getRun(runId))?.status).toBe('completed');
    } finally {
      await store.close();
    }
  });
});
