/**
 * Child process of crash-safety.test.ts: crawls the fixture shop into a SQLite store, creating the
 * run (with the given id) or resuming it if it exists. Prints one line per stored page so the parent
 * can SIGKILL it mid-crawl, and "done <status>" at the end.
 * Usage: node crash-child.ts <dbPath> <siteUrl> <runId>
 */
import { runCrawl } from '@scrapifie/engine';
import { openSqliteStore } from '../src/index.ts';
import { shopRecipe } from './helpers/recipes.ts';
import { WebFetcher } from './helpers/web-fetcher.ts';

const [dbPath, siteUrl, runId] = process.argv.slice(2);
if (!dbPath || !siteUrl || !runId) throw new Error('usage: crash-child.ts <dbPath> <siteUrl> <runId>');

const store = openSqliteStore(dbPath);
const resume = (await store.getRun(runId)) !== null;
const summary = await runCrawl({
  recipe: shopRecipe(`${siteUrl}/list/1`, { follow: 'merge' }),
  store,
  fetchers: { http: new WebFetcher() },
  runId,
  resume,
  onEvent: (e) => {
    if (e.type === 'items.extracted') process.stdout.write('p\n');
  },
});
await store.close();
process.stdout.write(`done ${summary.status}\n`);
