// npm run bench:cluster [-- --pages 5000 --concurrency 16 --workers 1,2,4 --workload pager,list]
// The fixture listing crawl through the team server (BullMQ on Redis, Postgres) with 1, 2 and 4 worker processes,
// next to the single-process SQLite run, in the same benchmark run. Two workloads: `pager` follows the numbered pager
// from page 1 (the crawl of bench:http; at most a handful of pages are ever known ahead, so it measures the latency
// of each page's round trip through the store); `list` is a job over the input list of all listing pages (all of the
// work known up front, as the seeds' batch jobs), which measures how far more workers carry one run. Needs Postgres and Redis (DATABASE_URL, REDIS_URL;
// default the local test servers); each cluster run gets its own Postgres schema and Redis key prefix.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchListRecipe, benchRecipe } from './lib/bench-recipe.ts';
import { startSiteProcess } from './lib/site-process.ts';

const { values } = parseArgs({
  options: { pages: { type: 'string', default: '5000' }, concurrency: { type: 'string', default: '16' }, workers: { type: 'string', default: '1,2,4' }, workload: { type: 'string', default: 'pager,list' } },
});
const PAGES = Number(values.pages);
const CONC = Number(values.concurrency);
const WORKERS = values.workers!.split(',').map(Number);
const WORKLOADS = values.workload!.split(',');
for (const w of WORKLOADS) if (w !== 'pager' && w !== 'list') throw new Error(`--workload takes pager and/or list, got "${w}"`);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BIN = fileURLToPath(new URL('../../apps/server/bin/scrapifie.js', import.meta.url));
const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

interface Figure {
  name: string;
  pages: number;
  items: number;
  seconds: number;
  pagesPerSecond: number;
}

function runChild(args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err = (err + c).slice(-4000)));
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited ${code}:\n${err}`))));
  });
}

async function singleProcess(recipePath: string, dbPath: string): Promise<Figure> {
  const out = await runChild([here('./runners/ours-runner.ts'), recipePath, String(CONC), dbPath, '0']);
  const r = JSON.parse(out.trim().split('\n').at(-1) as string) as { pages: number; items: number; wallMs: number };
  return { name: 'single process (SQLite, runCrawl)', pages: r.pages, items: r.items, seconds: r.wallMs / 1000, pagesPerSecond: (r.pages * 1000) / r.wallMs };
}

async function startWorker(env: Record<string, string>): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, [BIN, 'worker', '--concurrency', '2'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      err += c;
      if (err.includes('worker ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited ${code}:\n${err}`)));
  });
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

async function cluster(n: number, recipePath: string): Promise<Figure> {
  const tag = `bench_${randomBytes(3).toString('hex')}_${n}`;
  const env = { DATABASE_URL, REDIS_URL, SCRAPIFIE_PG_SCHEMA: tag, SCRAPIFIE_QUEUE_PREFIX: tag, SCRAPIFIE_LANES: String(2 * n), SCRAPIFIE_LOG_LEVEL: 'error', SCRAPIFIE_ALLOW_UNSAFE: '1' };
  const stops = await Promise.all(Array.from({ length: n }, () => startWorker(env)));
  try {
    const out = await runChild([BIN, 'submit', recipePath, '--wait'], env);
    const summary = JSON.parse(out.trim().split('\n').at(-1) as string) as { status: string; progress: { pagesDone: number; items: number; elapsedMs: number } };
    if (summary.status !== 'completed') throw new Error(`the ${n}-worker run ended ${summary.status}`);
    const p = summary.progress;
    return { name: `cluster: ${n} worker process${n > 1 ? 'es' : ''} (BullMQ + Postgres)`, pages: p.pagesDone, items: p.items, seconds: p.elapsedMs / 1000, pagesPerSecond: (p.pagesDone * 1000) / p.elapsedMs };
  } finally {
    await Promise.all(stops.map((s) => s()));
    spawnSync('psql', [DATABASE_URL, '-qc', `DROP SCHEMA IF EXISTS ${tag} CASCADE`], { stdio: 'ignore' });
  }
}

const site = await startSiteProcess(PAGES);
const work = mkdtempSync(join(tmpdir(), 'scrapifie-bench-cluster-'));
try {
  console.log(`fixture site: ${PAGES} listing pages; concurrency ${CONC} per process (batch); machine: ${(await import('node:os')).cpus().length} cores`);
  for (const workload of WORKLOADS) {
    const recipePath = join(work, `${workload}.json`);
    writeFileSync(recipePath, JSON.stringify(workload === 'pager' ? benchRecipe(`${site.url}/list/1`, CONC) : benchListRecipe(site.url, PAGES, CONC)));
    const single = await singleProcess(recipePath, join(work, `${workload}.sqlite`));
    const rows: Figure[] = [single];
    for (const n of WORKERS) rows.push(await cluster(n, recipePath));
    const one = rows.find((r) => r.name.startsWith('cluster: 1 '));
    console.log(`\nworkload: ${workload === 'pager' ? 'the pager crawl from /list/1' : `an input list of the ${PAGES} listing pages`}`);
    console.log(`${'run'.padEnd(48)}${'pages'.padStart(7)}${'items'.padStart(9)}${'s'.padStart(8)}${'pages/s'.padStart(9)}${'vs 1 worker'.padStart(13)}${'vs single'.padStart(11)}`);
    for (const r of rows) {
      const scaling = one && r.name.startsWith('cluster') ? (r.pagesPerSecond / one.pagesPerSecond).toFixed(2) : '-';
      console.log(`${r.name.padEnd(48)}${String(r.pages).padStart(7)}${String(r.items).padStart(9)}${r.seconds.toFixed(1).padStart(8)}${r.pagesPerSecond.toFixed(0).padStart(9)}${scaling.padStart(13)}${(r.pagesPerSecond / single.pagesPerSecond).toFixed(2).padStart(11)}`);
    }
    for (const r of rows.filter((x) => x.name.startsWith('cluster') && x !== one)) {
      const n = Number(/cluster: (\d+)/.exec(r.name)?.[1]);
      if (one) console.log(`scaling efficiency with ${n} workers: ${((r.pagesPerSecond / one.pagesPerSecond / n) * 100).toFixed(0)}%`);
    }
  }
} finally {
  await site.stop();
  rmSync(work, { recursive: true, force: true });
}
