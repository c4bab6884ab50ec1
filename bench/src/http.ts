// `npm run bench:http` — the 5,000-page fixture crawl, side by side in one run: Scrapifie (impit + durable SQLite),
// Crawlee CheerioCrawler (persisted storage and memory storage), Scrapy where installed; plus the machine's limits.
// Options: --pages N (default 5000) --concurrency N (default 16) --threads N (ours: evaluator threads, default 1)
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { lastJsonLine, runMeasured } from './lib/proc-stats.ts';
import { parseSelectRate } from './lib/parse-limit.ts';
import { startSiteProcess } from './lib/site-process.ts';
import { printTable, type Row } from './lib/report.ts';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '5000' }, concurrency: { type: 'string', default: '16' }, threads: { type: 'string', default: '1' } } });
const PAGES = Number(values.pages);
const CONC = Number(values.concurrency);
const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'scrapifie-bench-'));
const env = { ...process.env };
for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete env[k];
const TIMEOUT = 15 * 60_000;
const EXPECTED_ITEMS = PAGES * 20;

interface ChildReport { pages: number; items: number; wallMs: number; cpuSeconds: number; peakRssMb: number }

function rowFrom(name: string, r: ChildReport, measuredRss: number): Row {
  if (r.items !== EXPECTED_ITEMS) console.error(`WARNING: ${name} extracted ${r.items} items, expected ${EXPECTED_ITEMS}`);
  return { name, pages: r.pages, items: r.items, seconds: r.wallMs / 1000, pagesPerSecond: (r.pages / r.wallMs) * 1000, cpuSeconds: r.cpuSeconds, peakRssMb: Math.max(r.peakRssMb, measuredRss) };
}

async function node(name: string, script: string, args: string[]): Promise<Row> {
  console.error(`… ${name}`);
  const s = await runMeasured(process.execPath, [here(script), ...args], { env, timeoutMs: TIMEOUT });
  if (s.exitCode !== 0) throw new Error(`${name} exited with ${s.exitCode}:\n${s.stderr.slice(-3000)}`);
  return rowFrom(name, lastJsonLine<ChildReport>(s.stdout), s.peakRssMb);
}

async function scrapy(url: string): Promise<Row | string> {
  let bin: string;
  try {
    bin = execFileSync('sh', ['-c', 'command -v scrapy'], { encoding: 'utf8' }).trim();
  } catch {
    return 'scrapy is not installed (apt-get install python3-scrapy; ./run.sh bench does it): Scrapy SKIPPED';
  }
  console.error('… Scrapy');
  const out = join(work, 'scrapy-items.jsonl');
  const s = await runMeasured(
    bin,
    ['runspider', here('../scrapy/listing_spider.py'), '-a', `start=${url}`, '-s', `CONCURRENT_REQUESTS=${CONC}`, '-s', `CONCURRENT_REQUESTS_PER_DOMAIN=${CONC}`, '-s', 'LOG_LEVEL=WARNING', '-s', 'TELNETCONSOLE_ENABLED=False', '-o', out],
    { env, timeoutMs: TIMEOUT, cwd: work },
  );
  if (s.exitCode !== 0) throw new Error(`scrapy exited with ${s.exitCode}:\n${s.stderr.slice(-3000)}`);
  const items = readFileSync(out, 'utf8').trim().split('\n').length;
  return rowFrom('Scrapy (python3-scrapy)', { pages: items / 20, items, wallMs: s.wallMs, cpuSeconds: s.cpuSeconds, peakRssMb: s.peakRssMb }, s.peakRssMb);
}

const site = await startSiteProcess(PAGES);
try {
  console.error(`fixture site: ${site.url} (${PAGES} listing pages), concurrency ${CONC}, ${cpus().length} cores`);
  const loop = lastJsonLine<{ perSecond: number; mbPerSecond: number }>(
    (await runMeasured(process.execPath, [here('./runners/loopback-runner.ts'), site.url, String(Math.min(PAGES, 3000)), String(CONC), String(PAGES)], { env, timeoutMs: TIMEOUT })).stdout,
  );
  const parse = await parseSelectRate(site.url, 3);
  const rows: Row[] = [];
  rows.push(await node('Scrapifie (impit + SQLite, durable)', './runners/ours-runner.ts', [`${site.url}/list/1`, String(CONC), join(work, 'ours.sqlite'), values.threads!]));
  rows.push(await node('Crawlee CheerioCrawler (persisted storage)', './runners/crawlee-runner.ts', [`${site.url}/list/1`, 'persist', String(CONC), join(work, 'crawlee-persist')]));
  rows.push(await node('Crawlee CheerioCrawler (memory storage)', './runners/crawlee-runner.ts', [`${site.url}/list/1`, 'memory', String(CONC), join(work, 'crawlee-memory')]));
  const sc = await scrapy(`${site.url}/list/1`);
  if (typeof sc === 'string') console.error(`\n*** ${sc} ***\n`);
  else rows.push(sc);

  const ours = rows[0]!;
  const coresUsed = ours.cpuSeconds / ours.seconds;
  const limit = parse.pagesPerSecond * Math.max(1, coresUsed);
  printTable(rows, ours);
  console.log(`\nMachine limits in this run: loopback GET ${loop.perSecond.toFixed(0)} req/s (${loop.mbPerSecond.toFixed(0)} MB/s, node:http, no parsing);`);
  console.log(`single-core parse+select ${parse.pagesPerSecond.toFixed(0)} pages/s (${parse.avgKb.toFixed(0)} KB pages).`);
  console.log(`Ours used ${coresUsed.toFixed(2)} cores: ${ours.pagesPerSecond.toFixed(0)} pages/s = ${((ours.pagesPerSecond / limit) * 100).toFixed(0)}% of parse+select x cores used (${limit.toFixed(0)} pages/s).`);
  mkdirSync(here('../results'), { recursive: true });
  const file = here(`../results/http-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ pages: PAGES, concurrency: CONC, cores: cpus().length, loopback: loop, parse, rows }, null, 2));
  console.log(`Saved ${file}`);
} finally {
  await site.stop();
  if (existsSync(work)) rmSync(work, { recursive: true, force: true });
}
