import { extractStatic } from '@scrapifie/extract';
import { parseRecipe } from '@scrapifie/recipe';
import { benchRecipe } from './bench-recipe.ts';

/** Single-core parse + select rate of the benchmark's own extraction on real listing pages (pages/s). */
export async function parseSelectRate(baseUrl: string, seconds: number): Promise<{ pagesPerSecond: number; avgKb: number }> {
  const recipe = parseRecipe(benchRecipe(`${baseUrl}/list/1`, 1));
  const bodies: Array<{ url: string; body: Uint8Array }> = [];
  for (let p = 1; p <= 20; p++) {
    const url = `${baseUrl}/list/${p * 7}`;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    bodies.push({ url, body: new Uint8Array(await res.arrayBuffer()) });
  }
  const run = (n: number): void => {
    for (let i = 0; i < n; i++) {
      const b = bodies[i % bodies.length]!;
      const out = extractStatic(recipe.page, 'page', b.body, { url: b.url, depth: 1, contentType: 'text/html; charset=utf-8', maxBytes: 10 << 20 });
      if (out.rows.length !== 20) throw new Error(`expected 20 rows from ${b.url}, got ${out.rows.length}`);
    }
  };
  run(40); // warm up the JIT
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    run(10);
    n += 10;
  }
  const avgKb = bodies.reduce((s, b) => s + b.body.length, 0) / bodies.length / 1024;
  return { pagesPerSecond: (n / (performance.now() - started)) * 1000, avgKb };
}
