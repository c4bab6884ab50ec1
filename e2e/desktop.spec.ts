/**
 * The desktop app in a real Electron: it opens, the renderer reaches the main process over the IPC
 * link, a recipe is designed by clicks against the fixture site in the designer (its live pages in a
 * Chromium on this machine, SCRAPIFIE_CHROMIUM), run in a crawl worker, and its rows checked in the
 * grid; and every window is locked down (webPreferences, no Node in the page, the preload's bridge
 * only, CSP, navigation and window.open to other origins refused).
 * Runs wherever an Electron binary exists (see electron-binary.ts); elsewhere it is SKIPPED, loudly.
 * The designer steps are the renderer suite's (e2e/desktop/design-steps.ts), which runs them here without Electron.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, chromium, expect, test, type Browser, type ElectronApplication, type Page } from '@playwright/test';
import { startTestSite, type TestSite } from '@scrapifie/testsite';
import { buildDesktop } from '../apps/desktop/scripts/build.ts';
import { designListingByClicks, runSavedRecipe, type ListingRow } from './desktop/design-steps.ts';
import { findElectronBinary } from './electron-binary.ts';

const binary = findElectronBinary();
const skipReason = 'why' in binary ? `DESKTOP E2E SKIPPED: ${binary.why}` : undefined;
if (skipReason) {
  const line = '!'.repeat(100);
  console.error(`\n${line}\n!! ${skipReason}\n${line}\n`);
}

const appDir = fileURLToPath(new URL('../apps/desktop', import.meta.url));
/** The Chromium of the app's designer (and of the probe that finds where the fixture's elements sit). */
const chromiumPath = process.env.SCRAPIFIE_CHROMIUM || '/usr/bin/chromium';

test.describe('desktop app in Electron', () => {
  test.skip(skipReason !== undefined, skipReason);

  let app: ElectronApplication;
  let page: Page;
  let userData: string;
  let site: TestSite;
  let probe: Browser;

  test.beforeAll(async () => {
    if (!existsSync(chromiumPath)) throw new Error(`The designer needs Chromium: ${chromiumPath} does not exist (set SCRAPIFIE_CHROMIUM to a Chromium or Chrome executable)`);
    await buildDesktop();
    site = await startTestSite({ pages: 1 });
    probe = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
    userData = mkdtempSync(join(tmpdir(), 'scrapifie-e2e-desktop-'));
    app = await electron.launch({
      executablePath: binary.path,
      args: [appDir],
      env: { ...process.env, SCRAPIFIE_USER_DATA: userData, SCRAPIFIE_LOG_LEVEL: 'warn', SCRAPIFIE_CHROMIUM: chromiumPath, ELECTRON_ENABLE_LOGGING: '1' },
      timeout: 90_000,
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    await probe?.close();
    await site?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('opens the studio, whose page talks to the local runtime over IPC', async () => {
    await expect(page.locator('#status')).toHaveAttribute('data-state', 'ready');
    await expect(page.locator('#status')).toContainText('local runtime ready');
    expect(page.url()).toBe('app://studio/index.html');
  });

  test('every window has the locked-down webPreferences and shows only the app\'s own origin', async () => {
    // getLastWebPreferences() is the effective preferences of a WebContents; Electron keeps it out of
    // its typings (undocumented), so it is reached through a cast, and its absence fails the test.
    const windows = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((w) => {
        const wc = w.webContents as unknown as { getURL(): string; getLastWebPreferences?: () => Record<string, unknown> | null };
        return { url: wc.getURL(), prefs: typeof wc.getLastWebPreferences === 'function' ? wc.getLastWebPreferences() : 'getLastWebPreferences() is missing' };
      }),
    );
    expect(windows.length).toBeGreaterThan(0);
    for (const w of windows) {
      expect(w.url).toMatch(/^app:\/\/studio\//);
      expect(w.prefs, w.url).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false });
    }
    // And what a page can see, in every window: no Node, only the bridge.
    for (const p of app.windows()) {
      expect(await p.evaluate(() => typeof (globalThis as Record<string, unknown>).require), p.url()).toBe('undefined');
    }
  });

  test('the page has no Node and sees only the preload\'s bridge', async () => {
    const seen = await page.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      return { require: typeof g.require, process: typeof g.process, module: typeof g.module, bridge: Object.keys((g.scrapifieIpc as object) ?? {}).sort() };
    });
    expect(seen).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', bridge: ['onMessage', 'send'] });
  });

  test('the CSP blocks inline scripts and requests to other origins', async () => {
    const violated = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
          const s = document.createElement('script');
          s.textContent = 'window.__inlineRan = true';
          document.head.append(s);
        }),
    );
    expect(violated).toBe('script-src-elem');
    expect(await page.evaluate(() => (globalThis as Record<string, unknown>).__inlineRan ?? false)).toBe(false);
    const fetched = await page.evaluate(() => fetch('http://127.0.0.1:9/').then(() => 'loaded', (e: Error) => `blocked: ${e.message}`));
    expect(fetched).toMatch(/^blocked/);
  });

  test('navigation and window.open to other origins are refused', async () => {
    const before = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    // file: targets are refused and never handed to the system browser, so this test opens nothing outside.
    expect(await page.evaluate(() => window.open('file:///etc/passwd') === null)).toBe(true);
    await page.evaluate(() => {
      location.href = 'file:///etc/passwd';
    });
    await page.waitForTimeout(500); // give a navigation, if one were allowed, the time to commit
    expect(page.url()).toBe('app://studio/index.html');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(before);
  });

  // Last: the studio's screens change the page's #hash, which the checks above compare whole.
  test('designs a recipe by clicks against the fixture site, runs it locally and shows exactly its rows', async () => {
    test.setTimeout(180_000);
    const expected: ListingRow[] = site.truth.listing(1).map((it) => ({ title: it.title, price: it.priceText }));
    await designListingByClicks(page, probe, { listUrl: `${site.url}/list/1`, name: 'electron designed', expected });
    const rows = await runSavedRecipe(page, 'electron designed', expected.length);
    const byTitle = (a: ListingRow, b: ListingRow) => a.title.localeCompare(b.title);
    expect(rows.sort(byTitle)).toEqual([...expected].sort(byTitle));
    // The designer's live pages are not windows of the app: it still has its one window, on its own origin.
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.webContents.getURL().split('#')[0]))).toEqual(['app://studio/index.html']);
  });
});
