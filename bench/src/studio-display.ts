// `node bench/src/studio-display.ts` — the web studio as its user feels it, against a real `scrapifie serve` (a
// throwaway SQLite file) in Chromium: how long serve takes to start until the studio answers and until its first screen
// is drawn, the results grid while scrolling continuously through 100,000 rows (requestAnimationFrame intervals, the
// main thread's work per frame, its CPU per frame from a Chromium trace, the grid's re-render per scroll event), and
// the designer through the studio's API on the fixture listing: hover -> highlight (box and label, split into client,
// server and render), live view frames per second under wheel scrolling, field click -> preview column
// (lib/studio-designer.ts). The designer's in-process figures (screencast against a DOM mirror) are in
// designer-display.ts. Needs `npm run build`. Wall times on a busy machine swing widely: compare runs taken together.
// Options: --rows N (default 100000) --scroll-seconds S (default 5) --hovers N (default 30) --skip-designer; the whole
// bench gives up after 4 minutes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveChromiumPath } from '@scrapifie/fetch-browser';
import { chromium } from 'playwright-core';
import { traceMainThreadCpu } from './lib/main-thread-cpu.ts';
import { seedRows } from './lib/seed-rows.ts';
import { startSiteProcess } from './lib/site-process.ts';
import { measureStudioDesigner } from './lib/studio-designer.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, 'scroll-seconds': { type: 'string', default: '5' }, hovers: { type: 'string', default: '30' }, 'skip-designer': { type: 'boolean', default: false } } });
const HOVERS = Number(values.hovers);
const ROWS = Number(values.rows);
const SCROLL_S = Number(values['scroll-seconds']);
if (!Number.isInteger(ROWS) || ROWS < 1000) throw new Error(`--rows must be a whole number of at least 1000, got ${values.rows}`);
if (!Number.isInteger(HOVERS) || HOVERS < 3 || HOVERS > 500) throw new Error(`--hovers must be a whole number from 3 to 500, got ${values.hovers}`);
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
  // Per frame, also the main thread's work: from the frame's start (the rAF timestamp, before the scroll event that
  // re-renders the rows) to a message posted from the rAF callback, which runs once the frame's style, layout and
  // paint are done. The rAF interval cannot go under the display's 16.7 ms; the work is what must fit in it.
  let frames!: { intervals: number[]; work: number[]; render: number[]; scrolledTo: number; height: number };
  const cpu = await traceMainThreadCpu(browser, page, async () => {
    frames = await page.evaluate(async (seconds) => {
      const grid = document.querySelector('[data-testid="results-grid"]') as HTMLElement;
      const out: number[] = [];
      const work: number[] = [];
      // And the grid's own re-render per scroll event: from a capturing listener on the window (runs first) to a
      // listener added on the grid after the studio's own (runs after the virtualizer has drawn the rows).
      const render: number[] = [];
      let scrollAt = 0;
      const onScrollStart = (e: Event): void => {
        if (e.target === grid) scrollAt = performance.now();
      };
      const onScrollEnd = (): void => void render.push(performance.now() - scrollAt);
      addEventListener('scroll', onScrollStart, { capture: true, passive: true });
      grid.addEventListener('scroll', onScrollEnd, { passive: true });
      const channel = new MessageChannel();
      let frameStart = 0;
      channel.port1.onmessage = () => work.push(performance.now() - frameStart);
      let last = performance.now();
      const end = last + seconds * 1000;
      await new Promise<void>((resolve) => {
        const step = (t: number): void => {
          out.push(t - last);
          last = t;
          frameStart = t;
          grid.scrollTop += 120;
          channel.port2.postMessage(0);
          if (t < end) requestAnimationFrame(step);
          else resolve();
        };
        requestAnimationFrame(step);
      });
      channel.port1.close();
      removeEventListener('scroll', onScrollStart, { capture: true });
      grid.removeEventListener('scroll', onScrollEnd);
      return { intervals: out.slice(1), work: work.slice(1), render, scrolledTo: grid.scrollTop, height: grid.scrollHeight };
    }, SCROLL_S);
  });
  const iv = frames.intervals;
  const over = iv.filter((x) => x > 1000 / 30).length;
  console.log(`serve start -> "Studio on" (process spawn to listening): ${f1(serve.ms)} ms`);
  console.log(`studio first screen (navigation to the Recipes screen drawn): ${f1(firstScreenMs)} ms`);
  console.log(`results grid: ${ROWS.toLocaleString('en')} rows loaded and shown in ${f1(loadMs)} ms; ${domRows} rows in the DOM`);
  const wk = frames.work;
  console.log(`grid frame time scrolling ${ROWS.toLocaleString('en')} rows for ${SCROLL_S} s: p50 ${f1(pct(iv, 50))} ms, p95 ${f1(pct(iv, 95))} ms, max ${f1(Math.max(...iv))} ms; ${f1(iv.length / SCROLL_S)} fps; ${over}/${iv.length} frames over 33 ms; scrolled ${Math.round(frames.scrolledTo).toLocaleString('en')} of ${frames.height.toLocaleString('en')} px`);
  const rd = frames.render;
  console.log(`grid main-thread work per frame (frame start -> style, layout and paint done): p50 ${f1(pct(wk, 50))} ms, p95 ${f1(pct(wk, 95))} ms, max ${f1(Math.max(...wk))} ms; ${wk.filter((x) => x > 16).length}/${wk.length} frames over 16 ms`);
  const perFrame = (ms: number): string => f1(ms / iv.length);
  console.log(`grid main-thread CPU per frame (Chromium trace, thread time): ${perFrame(cpu.totalMs)} ms (script ${perFrame(cpu.scriptMs)}, style ${perFrame(cpu.styleMs)}, layout ${perFrame(cpu.layoutMs)}, paint ${perFrame(cpu.paintMs)})`);
  console.log(`grid re-render per scroll event (the virtualizer's rows): p50 ${f1(pct(rd, 50))} ms, p95 ${f1(pct(rd, 95))} ms, max ${f1(Math.max(...rd))} ms (${rd.length})`);

  const figures = { rows: ROWS, serveStartMs: serve.ms, firstScreenMs, gridLoadMs: loadMs, domRows, frameMs: { p50: pct(iv, 50), p95: pct(iv, 95), max: Math.max(...iv) }, frameWorkMs: { p50: pct(wk, 50), p95: pct(wk, 95), max: Math.max(...wk) }, renderMs: { p50: pct(rd, 50), p95: pct(rd, 95), max: Math.max(...rd) }, cpuPerFrameMs: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v / iv.length])), fps: iv.length / SCROLL_S, framesOver33: over };
  if (values['skip-designer']) console.log(JSON.stringify(figures));
  else {
    const d = await measureStudioDesigner(browser, await browser.newPage({ viewport: { width: 1600, height: 1000 } }), serve.url, `${site.url}/list/1`, HOVERS);
    const part = (k: keyof (typeof d.hoverParts)[number]): string => `${f1(pct(d.hoverParts.map((h) => h[k]), 50))}/${f1(pct(d.hoverParts.map((h) => h[k]), 95))}`;
    console.log(`designer in the studio: hover split, p50/p95 ms (${d.hoverParts.length}): pointer event -> request sent ${part('toRequest')}, request -> first response byte (server) ${part('server')}, response -> box and label drawn ${part('toLabel')}`);
    console.log(`designer in the studio: hover -> highlight (box and label) p50 ${f1(pct(d.hoverMs, 50))} ms, p95 ${f1(pct(d.hoverMs, 95))} ms (${d.hoverMs.length}); live view ${f1(d.fps)} frames/s while scrolling; field click -> preview column p50 ${f1(pct(d.fieldToPreviewMs, 50))} ms, p95 ${f1(pct(d.fieldToPreviewMs, 95))} ms (${d.fieldToPreviewMs.length})`);
    console.log(JSON.stringify({ ...figures, designer: d }));
  }
} finally {
  await browser.close();
  await serve?.stop();
  await site.stop();
  rmSync(dir, { recursive: true, force: true });
  clearTimeout(giveUp);
}
