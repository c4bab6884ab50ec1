import { parseRecipe } from '@scrapifie/recipe';
import { extractStatic, resolveSpec } from '@scrapifie/extract';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerEvaluatorPool } from './worker-evaluator.ts';

const recipe = parseRecipe({
  version: 1,
  name: 'pool',
  start: { urls: ['https://shop.test/list/1'] },
  page: {
    items: { css: 'li', fields: { name: { css: 'a' }, link: { css: 'a', take: 'attr', attr: 'href' } } },
    pagination: { next: { css: 'a.next' } },
    follow: [{ field: 'link', mode: 'merge', page: { fields: { price: { css: '.price', transforms: ['price'] } } } }],
  },
});
const listing = new TextEncoder().encode('<ul><li><a href="/item/1">One</a></li><li><a href="/item/2">Two</a></li></ul><a class="next" href="/list/2">Next</a>');
const ctx = { url: 'https://shop.test/list/1', depth: 0, contentType: 'text/html; charset=utf-8' };

describe('WorkerEvaluatorPool', () => {
  let pool: WorkerEvaluatorPool | undefined;
  afterEach(async () => {
    await pool?.close();
  });

  it('gives, on worker threads, exactly what the in-thread evaluator gives', async () => {
    pool = new WorkerEvaluatorPool(recipe.page, 2);
    const jobs = Array.from({ length: 20 }, (_, i) => pool!.evaluate(recipe.page, 'page', listing, { ...ctx, pageNumber: i + 1 }));
    const outcomes = await Promise.all(jobs);
    for (const [i, o] of outcomes.entries()) expect(o).toEqual(extractStatic(recipe.page, 'page', listing, { ...ctx, pageNumber: i + 1 }));
    expect(outcomes[0]?.requests.map((r) => r.url)).toEqual(['https://shop.test/item/1', 'https://shop.test/item/2', 'https://shop.test/list/2']);
    const detail = await pool.evaluate(resolveSpec(recipe.page, 'page.follow[0].page'), 'page.follow[0].page', '<p class="price">$1,299.50</p>', {
      url: 'https://shop.test/item/1',
      depth: 1,
      parentRow: { name: 'One' },
    });
    expect(detail.rows).toEqual([{ name: 'One', price: 1299.5 }]);
  });

  it('passes evaluation errors back with their code', async () => {
    pool = new WorkerEvaluatorPool(recipe.page, 1);
    await expect(pool.evaluate(recipe.page, 'page.follow[7].page', listing, ctx)).rejects.toMatchObject({ name: 'ScrapifieError', code: 'INVALID_INPUT', message: expect.stringMatching(/follow\[7\]/) });
  });

  it('replaces a worker that dies, failing only the page it held', async () => {
    pool = new WorkerEvaluatorPool(recipe.page, 1);
    const threads = (pool as unknown as { threads: Array<{ worker: { terminate(): Promise<number> } }> }).threads;
    const held = pool.evaluate(recipe.page, 'page', listing, ctx);
    await threads[0]!.worker.terminate();
    await expect(held).rejects.toMatchObject({ code: 'EXTRACTION_ERROR' });
    expect((await pool.evaluate(recipe.page, 'page', listing, ctx)).requests).toHaveLength(3);
  });

  it('refuses work once closed', async () => {
    pool = new WorkerEvaluatorPool(recipe.page, 1);
    await pool.close();
    await expect(pool.evaluate(recipe.page, 'page', listing, ctx)).rejects.toThrow(/closed/);
  });
});
