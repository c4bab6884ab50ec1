// Child process: crawls the fixture site with Scrapifie's engine (impit HTTP tier, durable SQLite store) and
// reports its own figures as a JSON line. argv: <startUrl | recipe.json> <concurrency> <dbPath> <evaluatorThreads>
// (a start URL crawls the listing through its pager; a recipe file is run as it is)
import { readFileSync } from 'node:fs';
import { runCrawl } from '@scrapifie/engine';
import { HttpFetcher } from '@scrapifie/fetch-http';
import { parseRecipe } from '@scrapifie/recipe';
import { openSqliteStore } from '@scrapifie/store-sqlite';
import { benchRecipe } from '../lib/bench-recipe.ts';

const [startUrl, concurrencyArg, dbPath, threadsArg] = process.argv.slice(2);
if (!startUrl || !concurrencyArg || !dbPath || threadsArg === undefined) throw new Error('usage: ours-runner <startUrl | recipe.json> <concurrency> <dbPath> <evaluatorThreads>');
const concurrency = Number(concurrencyArg);
const store = openSqliteStore(dbPath);
const http = new HttpFetcher();
const started = performance.now();
const summary = await runCrawl({
  recipe: parseRecipe(startUrl.endsWith('.json') ? JSON.parse(readFileSync(startUrl, 'utf8')) : benchRecipe(startUrl, concurrency)),
  store,
  fetchers: { http },
  evaluatorThreads: Number(threadsArg),
});
const wallMs = performance.now() - started;
await http.close();
await store.close();
const ru = process.resourceUsage();
process.stdout.write(
  `${JSON.stringify({ status: summary.status, pages: summary.progress.pagesDone, items: summary.progress.items, failed: summary.progress.pagesFailed, wallMs, cpuSeconds: (ru.userCPUTime + ru.systemCPUTime) / 1e6, peakRssMb: ru.maxRSS / 1024 })}\n`,
);
