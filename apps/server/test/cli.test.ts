import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { EXIT } from '../src/cli/exit-codes.ts';
import { runCli } from './cli-helpers.ts';

let site: TestSite;
let dir: string;

function listingRecipe(extra: Record<string, unknown> = {}): string {
  const path = join(dir, `recipe-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      version: 1,
      name: 'listing',
      start: { urls: [`${site.url}/list/1`] },
      fetch: { mode: 'http', retry: { maxAttempts: 2, baseDelayMs: 10 } },
      page: {
        items: {
          css: 'article.product',
          fields: {
            title: { css: 'h2.product-title a' },
            url: { css: 'h2.product-title a', take: 'attr', attr: 'href', transforms: ['absoluteUrl'] },
            price: { css: '.price', transforms: ['price'] },
          },
        },
        pagination: { next: { css: 'a.next' } },
      },
      politeness: { perDomainConcurrency: 4, rateLimit: { requests: 500, perSeconds: 1 } },
      ...extra,
    }),
  );
  return path;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scrapifie-cli-'));
  site = await startTestSite({ pages: 4 });
});
afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scrapifie CLI', () => {
  it('validate: a broken recipe exits 2 and names each JSON path', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, name: 'x', start: { urls: ['not a url'] }, page: { items: { css: 'li', fields: { a: { css: 'a', take: 'link' } } } }, extra: 1 }));
    const r = await runCli(['validate', bad]);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.stderr).toContain('error INVALID_RECIPE');
    expect(r.stderr).toContain('start.urls[0]: expected an absolute http(s) URL');
    expect(r.stderr).toContain('page.items.fields.a.take');
    expect(r.stderr).toContain('(root): unknown field "extra"');
  });

  it('validate: a good recipe exits 0; a missing file and an unknown command exit 2 with the reason', async () => {
    const ok = await runCli(['validate', listingRecipe()]);
    expect(ok.code).toBe(EXIT.OK);
    expect(ok.stdout).toMatch(/valid recipe "listing"/);
    const missing = await runCli(['validate', join(dir, 'nope.json')]);
    expect(missing.code).toBe(EXIT.USAGE);
    expect(missing.stderr).toMatch(/Cannot read the recipe file .*nope\.json.*ENOENT/);
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(EXIT.USAGE);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
  });

  it('schema: prints the JSON Schema for editors', async () => {
    const r = await runCli(['schema']);
    expect(r.code).toBe(EXIT.OK);
    const schema = JSON.parse(r.stdout);
    expect(schema.$id).toMatch(/recipe\.v1\.json$/);
    expect(schema.properties.page).toBeDefined();
  });

  it('run --out rows.csv: every listing row of the site, in a CSV that parses back exactly', async () => {
    const out = join(dir, 'rows.csv');
    const r = await runCli(['run', listingRecipe(), '--out', out, '--db', join(dir, 'csv.sqlite')]);
    expect(r.stderr).toMatch(/Wrote 80 rows/);
    expect(r.code).toBe(EXIT.OK);
    const rows = parse(readFileSync(out), { columns: true, bom: true }) as Array<Record<string, string>>;
    const truth = site.truth.allItems();
    expect(rows.map((x) => x.url).sort()).toEqual(truth.map((t) => t.url).sort());
    const byUrl = new Map(rows.map((x) => [x.url, x]));
    for (const t of truth) expect(byUrl.get(t.url)).toEqual({ title: t.title, url: t.url, price: String(t.price) });
  });

  it('run with a numbered "pager": each listing page fetched once, every row once', async () => {
    site.resetStats();
    const recipe = listingRecipe({});
    const json = JSON.parse(readFileSync(recipe, 'utf8'));
    json.page.pagination = { pager: { css: 'nav.pagination a' } };
    writeFileSync(recipe, JSON.stringify(json));
    const r = await runCli(['run', recipe, '--db', join(dir, 'pager.sqlite')]);
    expect(r.code).toBe(EXIT.OK);
    const urls = r.stdout.trim().split('\n').map((l) => JSON.parse(l).url);
    expect(urls.sort()).toEqual(site.truth.allItems().map((t) => t.url).sort());
    expect(site.hits('/list/')).toBe(4);
  });

  it('run: NDJSON to stdout by default, and a run where nothing succeeds exits 3', async () => {
    const r = await runCli(['run', listingRecipe({ limits: { maxPages: 1 } }), '--db', join(dir, 'nd.sqlite')]);
    expect(r.code).toBe(EXIT.OK);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(20);
    expect(lines[0]).toHaveProperty('title');

    const dead = listingRecipe({ start: { urls: ['http://127.0.0.1:9/list/1'] }, politeness: { respectRobotsTxt: false } });
    const failed = await runCli(['run', dead, '--db', join(dir, 'dead.sqlite')]);
    expect(failed.code).toBe(EXIT.RUN_FAILED);
    expect(failed.stderr).toMatch(/failed http:\/\/127\.0\.0\.1:9\/list\/1: CONNECTION_ERROR/);
  });

  it('rejects bad options with exit 2 before doing anything', async () => {
    const r = await runCli(['run', listingRecipe(), '--concurrency', 'lots']);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.stderr).toMatch(/--concurrency must be a positive whole number, got "lots"/);
    const fmt = await runCli(['run', listingRecipe(), '--out', join(dir, 'rows.xml'), '--db', join(dir, 'fmt.sqlite')]);
    expect(fmt.code).toBe(EXIT.USAGE);
    expect(fmt.stderr).toMatch(/Unknown output format "\.xml"/);
    expect(fmt.stderr).not.toMatch(/Started run/);
  });

  it('demo (what `./run.sh demo` runs): the example recipe prints every product of the demo site with its details', async () => {
    const r = await runCli(['demo', '--pages', '2', '--db', join(dir, 'demo.sqlite')]);
    expect(r.code).toBe(EXIT.OK);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(40);
    const base = /Demo site running at (\S+) /.exec(r.stderr)![1];
    const ids = rows.map((x) => Number(new URL(String(x.url)).pathname.split('/').pop())).sort((a, b) => a - b);
    expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const row of rows) {
      const detail = site.truth.item(Number(String(row.url).split('/').pop()));
      expect(row).toMatchObject({ title: detail.title, price: detail.price, rating: detail.rating, category: detail.category, sku: detail.sku, in_stock: detail.stock });
      expect(String(row.url).startsWith(String(base))).toBe(true);
    }
    expect(r.stderr).toMatch(/40 rows printed above/);
  });
});
