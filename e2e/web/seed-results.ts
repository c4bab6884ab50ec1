/**
 * Seeds a finished run with many rows into a SQLite database, as a crawl would leave it: the results grid's e2e
 * test needs 100,000 rows, which a real crawl of the fixture site would take minutes to produce.
 * Usage: node e2e/web/seed-results.ts <db-file> <rows>; prints the run id.
 */
import { openSqliteStore } from '@scrapifie/store-sqlite';
import { validateRecipe } from '@scrapifie/recipe';

/** The row whose HTML cell tries to run a script in the studio (the inspector must never run it). */
const HOSTILE_HTML = '<p id="hostile">Hostile cell</p><script>parent.__pwned = "script";</script><img src="x" onerror="parent.__pwned = \'onerror\'">';

const [dbPath, rowsArg] = process.argv.slice(2);
if (!dbPath || !rowsArg) throw new Error('usage: seed-results.ts <db-file> <rows>');
const total = Number(rowsArg);
const checked = validateRecipe({ version: 1, name: 'seeded-grid', start: { urls: ['http://127.0.0.1/list/1'] }, page: { items: { css: 'article', fields: { title: { css: 'h2' } } } } });
if (!checked.ok) throw new Error(`seed recipe invalid: ${JSON.stringify(checked.issues)}`);
const store = openSqliteStore(dbPath);
const runId = `seeded-${Date.now()}`;
const perPage = 1000;
const pages = Math.ceil(total / perPage);
await store.createRun({
  id: runId, recipe: checked.recipe, recipeHash: 'seeded', status: 'running',
  requests: Array.from({ length: pages }, (_, p) => ({ key: `p${p}`, url: `http://127.0.0.1/list/${p + 1}`, specPath: 'page', depth: 0, priority: p })),
});
const claimed = await store.claimRequests(runId, pages, Date.now());
for (const req of claimed) {
  const p = Number(req.key.slice(1));
  const rows = [];
  for (let i = p * perPage; i < Math.min(total, (p + 1) * perPage); i++) {
    rows.push({
      key: `row-${i}`, url: `http://127.0.0.1/item/${i}`, tier: 'http' as const, attempts: 1,
      data: { title: `Product ${i}`, price: (i % 997) + 0.99, description: i === 3 ? HOSTILE_HTML : `Description of product ${i}` },
    });
  }
  await store.completeRequest(runId, req.id, { rows, newRequests: [] });
}
await store.setRunStatus(runId, 'completed');
await store.close();
process.stdout.write(`${runId}\n`);
