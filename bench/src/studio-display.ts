// `node bench/src/studio-display.ts` — the web studio as its user feels it, against a real `scrapifie serve` (a
// throwaway SQLite file) in Chromium: how long serve takes to start until the studio answers and until its first screen
// is drawn, the results grid's frame times while scrolling continuously through 100,000 rows (requestAnimationFrame
// intervals measured in the page), and the designer through the studio's API on the fixture listing: hover -> label,
// live view frames per second under wheel scrolling, field click -> preview column (lib/studio-designer.ts). The
// designer's in-process figures (screencast against a DOM mirror) are in designer-display.ts. Needs `npm run build`.
// Options: --rows N (default 100000) --scroll-seconds S (default 5); the whole bench gives up after 4 minutes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveChromiumPath } from '@scrapifie/fetch-browser';
import { chromium } from 'playwright-core';
import { seedRows } from './lib/seed-rows.ts';
import { startSiteProcess } from './lib/site-process.ts';
import { measureStudioDesigner } from './lib/studio-designer.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, 'scroll-seconds': { type: 'string', default: '5' } } });
const ROWS = Number(values.rows);
const SCROLL_S = Number(values['scroll-seconds']);
if (!Number.isInteger(ROWS) || ROWS < 1000) throw new Error(`--rows must be a whole number of at least 1000, got ${values.rows}`);
if (!(SCROLL_S > 0 && SCROLL_S <= 60)) throw new Error(`--scroll-seconds must be in (0, 60], got ${values['scroll-seconds']}`);
const BIN = fileURLToPath(new URL('../../apps/server/bin/scrapifie.js', import.meta.url));
const giveUp = setTimeout(() => {
  console.error('studio-display: gave up after 4 minutes');
  process.exit(2);
}, 240_000);

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number) : Number.NaN;
};
const f1 = (n: number): string => n.toFixed(1);

/** Starts serve; resolves with its URL and the ms until it printed that the studio is served. */
async function startServe(db: string): Promise<{ url: string; ms: number; stop: () => Promise<void> }> {
  const env: NodeJS.ProcessEnv = { ...process.env, SCRAPIFIE_LOG_LEVEL: 'warn', SCRAPIFIE_ALLOW_TARGETS: '127.0.0.1' };
  for (const k of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete env[k];
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--db', db], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`serve exited with code ${code}: ${err}`)));
    child.stderr!.on('data', (c: string) => {
      err += c;
      const m = /Scrapifie API on (http:\/\/[^:]+:\d+)/.exec(err);
      if (m && err.includes('Studio on')) resolve(m[1] as string);
      else if (err.includes('web studio is not built')) reject(new Error('the studio is not built: npm run build'));
    });
  });
  const ms = performance.now() - t0;
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, ms, stop };
}

const dir = mkdtempSync(join(tmpdir(), 'scrapifie-bench-studio-'));
const browser = await chromium.launch({ executablePath: resolveChromiumPath(process.env.SCRAPIFIE_CHROMIUM), args: ['--no-sandbox', '--disable-gpu'] });
let serve: Awaited<ReturnType<typeof startServe>> | undefined;
const site = await startSiteProcess(3);
try {
  const db = join(dir, 'studio.sqlite');
  const runId = await seedRows(db, ROWS);
  serve = await startServe(db);
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const t0 = performance.now();
  await page.goto(`${serve.url}/#/recipes`);
  await page.getByRole('heading', { name: 'Recipes' }).waitFor();
  const firstScreenMs = performance.now() - t0;

  const t1 = performance.now();
  await page.goto(`${serve.url}/#/results/${runId}`);
  const all = `${ROWS.toLocaleString('en')} of ${ROWS.toLocaleString('en')} rows`;
  await page.getByTestId('grid-count').filter({ hasText: all }).waitFor({ timeout: 180_000 });
  const loadMs = performance.now() - t1;
  const domRows = await page.locator('.grid-tr').count();

  // Continuous scrolling: 120 px per animation frame down the grid, frame intervals taken in the page.
  const frames = await page.evaluate(async (seconds) => {
    const grid = document.querySelector('[data-testid="results-grid"]') as HTMLElement;
    const out: number[] = [];
    let last = performance.now();
    const end = last + seconds * 1000;
    await new Promise<void>((resolve) => {
      const step = (t: number): void => {
        out.push(t - last);
        last = t;
        grid.scrollTop += 120;
        if (t < end) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    return { intervals: out.slice(1), scrolledTo: grid.scrollTop, height: grid.scrollHeight };
  }, SCROLL_S);
  const iv = frames.intervals;
  const over = iv.filter((x) => x > 1000 / 30).length;
  console.log(`serve start -> "Studio on" (process spawn to listening): ${f1(serve.ms)} ms`);
  console.log(`studio first screen (navigation to the Recipes screen drawn): ${f1(firstScreenMs)} ms`);
  console.log(`results grid: ${ROWS.toLocaleString('en')} rows loaded and shown in ${f1(loadMs)} ms; ${domRows} rows in the DOM`);
  console.log(`grid frame time scrolling ${ROWS.toLocaleString('en')} rows for ${SCROLL_S} s: p50 ${f1(pct(iv, 50))} ms, p95 ${f1(pct(iv, 95))} ms, max ${f1(Math.max(...iv))} ms; ${f1(iv.length / SCROLL_S)} fps; ${over}/${iv.length} frames over 33 ms; scrolled ${Math.round(frames.scrolledTo).toLocaleString('en')} of ${frames.height.toLocaleString('en')} px`);

  const d = await measureStudioDesigner(browser, await browser.newPage({ viewport: { width: 1600, height: 1000 } }), serve.url, `${site.url}/list/1`);
  console.log(`designer in the studio: hover -> label p50 ${f1(pct(d.hoverMs, 50))} ms, p95 ${f1(pct(d.hoverMs, 95))} ms (${d.hoverMs.length}); live view ${f1(d.fps)} frames/s while scrolling; field click -> preview column p50 ${f1(pct(d.fieldToPreviewMs, 50))} ms, p95 ${f1(pct(d.fieldToPreviewMs, 95))} ms (${d.fieldToPreviewMs.length})`);
  console.log(JSON.stringify({ rows: ROWS, serveStartMs: serve.ms, firstScreenMs, gridLoadMs: loadMs, domRows, frameMs: { p50: pct(iv, 50), p95: pct(iv, 95), max: Math.max(...iv) }, fps: iv.length / SCROLL_S, framesOver33: over, designer: d }));
} finally {
  await browser.close();
  await serve?.stop();
  await site.stop();
  rmSync(dir, { recursive: true, force: true });
  clearTimeout(giveUp);
}
