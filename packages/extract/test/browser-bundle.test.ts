import { runInNewContext } from 'node:vm';
import { PageSpecSchema, ScrapifieError } from '@scrapifie/recipe';
import { describe, expect, it } from 'vitest';
import { buildBrowserBundle } from '../scripts/build-browser.ts';
import { readBundleFile } from '../src/browser-bundle.ts';
import { browserBundlePath, readBrowserBundle } from '../src/index.ts';

describe('browser bundle', () => {
  it('is built where browserBundlePath says, as a script defining __scrapifie', async () => {
    expect(await buildBrowserBundle()).toBe(browserBundlePath());
    const sandbox: { __scrapifie?: { version: number; evaluatePageResult: (...a: unknown[]) => unknown } } = {};
    runInNewContext(readBrowserBundle(), sandbox);
    expect(sandbox.__scrapifie?.version).toBe(1);
    // No DOM in this sandbox: the failure comes back as data, with the in-page error's name.
    const spec = PageSpecSchema.parse({ fields: { t: { css: 'h1' } } });
    expect(sandbox.__scrapifie?.evaluatePageResult(spec, 'page', { url: 'https://a.example/', depth: 0 })).toMatchObject({ ok: false, error: { name: 'ReferenceError' } });
  });

  it('stays small: the evaluator, the transforms and the DOM adapter, not the static parser', async () => {
    await buildBrowserBundle();
    const source = readBrowserBundle();
    expect(source.length).toBeLessThan(150_000);
  });

  it('a missing bundle is an error that says how to build it', () => {
    const missing = '/nonexistent/extract.browser.js';
    expect(() => readBundleFile(missing)).toThrow(ScrapifieError);
    expect(() => readBundleFile(missing)).toThrow('run "npm run build -w @scrapifie/extract"');
  });
});
