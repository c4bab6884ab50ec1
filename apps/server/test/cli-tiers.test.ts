import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { EXIT } from '../src/cli/exit-codes.ts';
import { runCli } from './cli-helpers.ts';

let site: TestSite;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scrapifie-tiers-'));
  site = await startTestSite({ pages: 3 });
});
afterAll(async () => {
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scrapifie run in fetch mode "auto" (real impit, real Chromium)', () => {
  it('takes static pages over HTTP and escalates the JS-only listing to the browser, with exact rows', async () => {
    const recipe = join(dir, 'auto.json');
    writeFileSync(
      recipe,
      JSON.stringify({
        version: 1,
        name: 'auto',
        start: { urls: [`${site.url}/list/1`, `${site.url}/js/list/2`] },
        fetch: { mode: 'auto', timeoutMs: 30_000, retry: { maxAttempts: 3, baseDelayMs: 50 } },
        page: { items: { css: 'article.product', fields: { title: { css: 'h2.product-title a', required: true }, url: { css: 'h2.product-title a', take: 'attr', attr: 'href', transforms: ['absoluteUrl'] } } } },
        politeness: { perDomainConcurrency: 2, rateLimit: { requests: 100, perSeconds: 1 } },
      }),
    );
    const r = await runCli(['run', recipe, '--db', join(dir, 'auto.sqlite'), '--verbose']);
    expect(r.code, r.stderr.slice(-3000)).toBe(EXIT.OK);
    const rows = r.stdout.trim().split('\n').filter((l) => l.startsWith('{"title"')).map((l) => JSON.parse(l) as { title: string; url: string });
    const expected = [...site.truth.listing(1), ...site.truth.listing(2)].map((t) => ({ title: t.title, url: t.url }));
    expect(rows.sort((a, b) => a.url.localeCompare(b.url))).toEqual(expected.sort((a, b) => a.url.localeCompare(b.url)));
    // The static page was fetched once over HTTP; the JS shell was seen over HTTP, then rendered in Chromium.
    expect(site.hits('/list/1')).toBe(1);
    expect(site.hits('/api/list/2')).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
