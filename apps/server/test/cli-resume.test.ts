import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { EXIT } from '../src/cli/exit-codes.ts';
import { runCli, startCli } from './cli-helpers.ts';

let site: TestSite;
let dir: string;
let recipePath: string;
const PAGES = 25;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scrapifie-resume-'));
  site = await startTestSite({ pages: PAGES });
  recipePath = join(dir, 'recipe.json');
  const example = JSON.parse(readFileSync(new URL('../../../examples/products.recipe.json', import.meta.url), 'utf8'));
  example.start.urls = [`${site.url}/list/1`];
  delete example.page.pagination.maxPages;
  // Slow enough (100 requests/s for 25 listing + 500 detail pages) that an interruption lands mid-run.
  example.politeness.rateLimit = { requests: 100, perSeconds: 1 };
  writeFileSync(recipePath, JSON.stringify(example));
});
afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a run, waits until it has made some progress, then interrupts it with `signal`. */
async function interrupted(db: string, signal: NodeJS.Signals): Promise<{ runId: string; code: number | null; killedBy: string | null; stderr: string }> {
  const { child, done } = startCli(['run', recipePath, '--db', db, '--out', join(dir, 'ignored.ndjson')]);
  let stderr = '';
  child.stderr!.on('data', (c: string) => (stderr += c));
  const deadline = Date.now() + 15_000;
  while (!/Started run (\S+)/.test(stderr) && Date.now() < deadline) await sleep(20);
  await sleep(1500);
  child.kill(signal);
  const r = await done;
  const runId = /Started run (\S+)/.exec(r.stderr)?.[1];
  if (!runId) throw new Error(`the run never started:\n${r.stderr}`);
  return { runId, code: r.code, killedBy: r.signal, stderr: r.stderr };
}

function expectEveryItemOnce(ndjson: string): void {
  const rows = ndjson.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const truth = site.truth.allItems();
  expect(rows).toHaveLength(truth.length);
  expect(new Set(rows.map((r) => r.url)).size).toBe(truth.length);
  const byUrl = new Map(rows.map((r) => [r.url, r]));
  for (const t of truth) {
    const detail = site.truth.item(t.id);
    expect(byUrl.get(t.url)).toMatchObject({ title: t.title, price: t.price, sku: detail.sku, in_stock: detail.stock });
  }
}

describe('scrapifie run --resume', () => {
  it('finishes a SIGKILLed run with every row exactly once', async () => {
    const db = join(dir, 'kill.sqlite');
    const first = await interrupted(db, 'SIGKILL');
    expect(first.killedBy).toBe('SIGKILL');
    const out = join(dir, 'resumed.ndjson');
    const resumed = await runCli(['run', '--resume', first.runId, '--db', db, '--out', out]);
    expect(resumed.stderr).toMatch(new RegExp(`Resuming run ${first.runId}`));
    expect(resumed.code).toBe(EXIT.OK);
    expectEveryItemOnce(readFileSync(out, 'utf8'));
  });

  it('Ctrl-C stops cleanly with exit 130 and tells how to resume; the resume completes the run', async () => {
    const db = join(dir, 'int.sqlite');
    const first = await interrupted(db, 'SIGINT');
    expect(first.code).toBe(EXIT.CANCELLED);
    expect(first.stderr).toContain(`scrapifie run --resume ${first.runId}`);
    const listed = await runCli(['runs', '--db', db]);
    expect(listed.stdout).toMatch(new RegExp(`${first.runId}.*cancelled`));
    const resumed = await runCli(['run', '--resume', first.runId, '--db', db]);
    expect(resumed.code).toBe(EXIT.OK);
    expectEveryItemOnce(resumed.stdout);
  });

  it('names an unknown run id', async () => {
    const r = await runCli(['run', '--resume', 'no-such-run', '--db', join(dir, 'empty.sqlite')]);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.stderr).toMatch(/No run "no-such-run"/);
  });
});
