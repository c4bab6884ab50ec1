// `npm run bench:browser` — the browser tier side by side with Crawlee's PlaywrightCrawler, in one run, on the same
// Chromium: N JS-rendered fixture listings (/js/list/1..N, default 300), C pages at once (default 4). Reports pages/s,
// and the peak memory of each crawler's whole process tree (node + Chromium): summed RSS and summed PSS (RSS counts
// pages shared between Chromium's processes once per process; PSS splits them, so it is what the machine pays).
// Ours runs the engine (browser mode, durable SQLite store) with pages sharing one context per browser (as Crawlee's
// default does), and again with a fresh context per page. Options: --pages N --concurrency C --chromium PATH
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveChromiumPath } from '@scrapifie/fetch-browser';
import { lastJsonLine } from './lib/proc-stats.ts';
import { startSiteProcess } from './lib/site-process.ts';
import { runTreeMeasured } from './lib/tree-stats.ts';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '300' }, concurrency: { type: 'string', default: '4' }, chromium: { type: 'string' } } });
const PAGES = Number(values.pages);
const CONC = Number(values.concurrency);
const CHROMIUM = resolveChromiumPath(values.chromium);
const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'scrapifie-bench-browser-'));
const env = { ...process.env };
for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete env[k];
const TIMEOUT = 20 * 60_000;

interface BrowserRow { name: string; pages: number; items: number; seconds: number; pagesPerSecond: number; peakRssMb: number; peakPssMb: number; processes: number }

async function measure(name: string, script: string, args: string[]): Promise<BrowserRow> {
  console.error(`… ${name}`);
  const s = await runTreeMeasured(process.execPath, [here(script), ...args], { env, timeoutMs: TIMEOUT });
  if (s.exitCode !== 0) throw new Error(`${name} exited with ${s.exitCode}:\n${s.stderr.slice(-3000)}`);
  const r = lastJsonLine<{ pages: number; items: number; wallMs: number }>(s.stdout);
  if (r.items !== PAGES * 20) console.error(`WARNING: ${name} extracted ${r.items} items, expected ${PAGES * 20}`);
  return { name, pages: r.pages, items: r.items, seconds: r.wallMs / 1000, pagesPerSecond: (r.pages / r.wallMs) * 1000, peakRssMb: s.peakRssMb, peakPssMb: s.peakPssMb, processes: s.peakProcesses };
}

const pad = (s: string, n: number): string => s.padEnd(n);
const lpad = (s: string, n: number): string => s.padStart(n);

const site = await startSiteProcess(Math.max(PAGES, 10));
try {
  console.error(`fixture site: ${site.url}, ${PAGES} JS-rendered listings, ${CONC} pages at once, Chromium ${CHROMIUM}, ${cpus().length} cores`);
  const rows: BrowserRow[] = [];
  rows.push(await measure('Scrapifie browser tier (shared contexts)', './runners/browser-ours-runner.ts', [site.url, String(PAGES), String(CONC), CHROMIUM, join(work, 'ours.sqlite'), 'shared']));
  rows.push(await measure('Scrapifie browser tier (a context per page)', './runners/browser-ours-runner.ts', [site.url, String(PAGES), String(CONC), CHROMIUM, join(work, 'ours-isolated.sqlite'), 'isolated']));
  rows.push(await measure('Crawlee PlaywrightCrawler (default: fingerprints)', './runners/browser-crawlee-runner.ts', [site.url, String(PAGES), String(CONC), CHROMIUM, 'on']));
  rows.push(await measure('Crawlee PlaywrightCrawler (no fingerprints)', './runners/browser-crawlee-runner.ts', [site.url, String(PAGES), String(CONC), CHROMIUM, 'off']));
  const ours = rows[0] as BrowserRow;
  const head = `${pad('crawler', 52)}${lpad('pages', 7)}${lpad('items', 8)}${lpad('s', 8)}${lpad('pages/s', 9)}${lpad('RSS MB', 9)}${lpad('PSS MB', 9)}${lpad('procs', 7)}${lpad('ours x', 8)}`;
  console.log(`\n${head}\n${'-'.repeat(head.length)}`);
  for (const r of rows) {
    const ratio = r === ours ? '1.00' : (ours.pagesPerSecond / r.pagesPerSecond).toFixed(2);
    console.log(`${pad(r.name, 52)}${lpad(String(r.pages), 7)}${lpad(String(r.items), 8)}${lpad(r.seconds.toFixed(1), 8)}${lpad(r.pagesPerSecond.toFixed(2), 9)}${lpad(r.peakRssMb.toFixed(0), 9)}${lpad(r.peakPssMb.toFixed(0), 9)}${lpad(String(r.processes), 7)}${lpad(ratio, 8)}`);
  }
  console.log('\nRSS and PSS are peaks of the whole process tree (node + every Chromium process), sampled every 500 ms.');
  mkdirSync(here('../results'), { recursive: true });
  const file = here(`../results/browser-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ pages: PAGES, concurrency: CONC, chromium: CHROMIUM, cores: cpus().length, rows }, null, 2));
  console.log(`Saved ${file}`);
} finally {
  await site.stop();
  rmSync(work, { recursive: true, force: true });
}
