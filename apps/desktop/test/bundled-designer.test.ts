/**
 * The designer as the packaged main process runs it: bundled by the app's own build (scripts/build.ts bundleNode, the
 * options main.mjs is built with), so its in-page scripts (the picker, the preview's evaluator) are read from beside
 * the bundle, not from the packages' dist/ folders, which a packaged app does not have. Electron cannot run here:
 * this runs that part of the main bundle in Node, on a real Chromium (/usr/bin/chromium) and the fixture site.
 */
import { mkdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { silentLogger } from '@scrapifie/engine';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleNode } from '../scripts/build.ts';

type Entry = typeof import('./bundled/designer-entry.ts');

const CHROMIUM = '/usr/bin/chromium';
const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('the designer in a bundle built like main.mjs', () => {
  let dir: string;
  let bundled: Entry;
  let site: TestSite;

  beforeAll(async () => {
    // Inside the repository, so the bundle's external modules (playwright-core, impit) resolve from node_modules as in the app.
    mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
    dir = mkdtempSync(join(root, 'node_modules', '.cache', 'scrapifie-bundled-designer-'));
    await bundleNode(fileURLToPath(new URL('./bundled/designer-entry.ts', import.meta.url)), join(dir, 'designer.mjs'));
    bundled = (await import(pathToFileURL(join(dir, 'designer.mjs')).href)) as Entry;
    site = await startTestSite({ pages: 1 });
  }, 120_000);

  afterAll(async () => {
    await site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the picker and the evaluator from beside itself: one click selects the 20 items, the preview shows the ground truth', async () => {
    const code = readFileSync(join(dir, 'designer.mjs'), 'utf8');
    expect(code).toContain('new URL("./designer.picker.js", import.meta.url)');
    expect(code).not.toMatch(/new URL\("\.\.\/(\.\.\/)?dist\//);

    const listUrl = `${site.url}/list/1`;
    const probe = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    let title: { x: number; y: number };
    try {
      const page = await probe.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(listUrl);
      const box = (await page.locator('article.product h2 a').first().boundingBox())!;
      title = { x: box.x + Math.min(box.width / 2, 20), y: box.y + box.height / 2 };
    } finally {
      await probe.close();
    }

    const http = new bundled.HttpFetcher();
    const designer = bundled.createPooledDesigner({ http, logger: silentLogger, executablePath: CHROMIUM });
    try {
      const { sessionId } = await designer.service.open(listUrl);
      expect((await designer.service.pick(sessionId, { mode: 'select', ...title })).items?.count).toBe(20);
      const state = await designer.service.pick(sessionId, { mode: 'field', ...title, name: 'title' });
      expect(state.preview?.error).toBeNull();
      expect(state.preview?.rows.map((r) => r.title)).toEqual(site.truth.listing(1).map((it) => it.title));
    } finally {
      await designer.close();
      await http.close();
    }
  }, 120_000);
});
