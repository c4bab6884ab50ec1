import { validateRecipe } from '@scrapifie/recipe';
import { openSqliteStore } from '@scrapifie/store-sqlite';

/**
 * A finished run with `total` rows in a SQLite file, as a crawl leaves it (1,000 rows per page): what the studio's
 * results grid is measured on. Returns the run id.
 */
export async function seedRows(dbPath: string, total: number): Promise<string> {
  const checked = validateRecipe({ version: 1, name: 'bench-grid', start: { urls: ['http://127.0.0.1/list/1'] }, page: { items: { css: 'article', fields: { title: { css: 'h2' } } } } });
  if (!checked.ok) throw new Error(`bench recipe invalid: ${JSON.stringify(checked.issues)}`);
  const store = openSqliteStore(dbPath);
  try {
    const runId = `bench-grid-${Date.now()}`;
    const perPage = 1000;
    const pages = Math.ceil(total / perPage);
    await store.createRun({
      id: runId, recipe: checked.recipe, recipeHash: 'bench', status: 'running',
      requests: Array.from({ length: pages }, (_, p) => ({ key: `p${p}`, url: `http://127.0.0.1/list/${p + 1}`, specPath: 'page', depth: 0, priority: p })),
    });
    for (const req of await store.claimRequests(runId, pages, Date.now())) {
      const p = Number(req.key.slice(1));
      const rows = [];
      for (let i = p * perPage; i < Math.min(total, (p + 1) * perPage); i++) {
        rows.push({ key: `row-${i}`, url: `http://127.0.0.1/item/${i}`, tier: 'http' as const, attempts: 1, data: { title: `Product ${i}`, price: (i % 997) + 0.99, description: `Description of product ${i}` } });
      }
      await store.completeRequest(runId, req.id, { rows, newRequests: [] });
    }
    await store.setRunStatus(runId, 'completed');
    return runId;
  } finally {
    await store.close();
  }
}
