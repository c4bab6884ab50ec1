import type { Browser, Page } from 'playwright-core';

const VIEW = { width: 1280, height: 800 };

/** Where one hover's time went, in the studio's page (ms): pointer event -> hover request sent (the store's queue and
 *  the HTTP link), request -> first response byte (the server: the API, the designer, the live page's evaluation),
 *  response -> box and label changed (the studio's render). */
export interface HoverParts {
  toRequest: number;
  server: number;
  toLabel: number;
}

export interface StudioDesignerFigures {
  /** Pointer move on the live view -> the hover label drawn at the new element (through the API). The studio draws the
   *  highlight box with the label, in the same render, from the same answer: this is the highlight's latency. */
  hoverMs: number[];
  /** The same hovers, split (see HoverParts); missing where the page saw no request for the move. */
  hoverParts: HoverParts[];
  /** Live view frames drawn per second while the page scrolls under the wheel. */
  fps: number;
  /** A field click -> its column in the preview table (the pick, the draft's re-evaluation, the state, the render). */
  fieldToPreviewMs: number[];
}

async function titlePoints(browser: Browser, url: string, n: number): Promise<Array<{ x: number; y: number }>> {
  const ctx = await browser.newContext({ viewport: VIEW });
  try {
    const p = await ctx.newPage();
    await p.goto(url);
    const out = [];
    for (const css of ['article.product h2 a', 'article.product .price']) {
      for (let i = 0; i < n; i++) {
        const b = await p.locator(css).nth(i).boundingBox();
        if (!b) throw new Error(`${css} #${i} is not visible`);
        out.push({ x: b.x + Math.min(10, b.width / 2), y: b.y + b.height / 2 });
      }
    }
    return out;
  } finally {
    await ctx.close();
  }
}

/** A pointer event on the canvas at page coordinates (what the user's mouse does over the live view). */
async function canvasPoint(page: Page, p: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const b = await page.getByTestId('live-view').boundingBox();
  if (!b) throw new Error('no live view');
  return { x: b.x + (p.x * b.width) / VIEW.width, y: b.y + (p.y * b.height) / VIEW.height };
}

/**
 * The designer as the studio's user sees it: hover, live view frames and field-to-preview, measured in the page of the
 * real studio over its API (HTTP + SSE), on the fixture listing `url`.
 */
export async function measureStudioDesigner(browser: Browser, page: Page, studioUrl: string, url: string, samples = 10): Promise<StudioDesignerFigures> {
  const points = await titlePoints(browser, url, 3);
  const [t0, t1, t2, price] = [points[0]!, points[1]!, points[2]!, points[3]!];
  await page.goto(`${studioUrl}/#/designer?url=${encodeURIComponent(url)}`);
  const canvas = page.getByTestId('live-view');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="live-view"]')?.getAttribute('data-frames') ?? 0) > 0, null, { timeout: 60_000 });

  // Hover: alternate between three titles; time until the label moves to the new element's box. In the page: the
  // pointer event's time, the hover request's resource timing and the time the label changed, for the split.
  await page.evaluate(() => {
    performance.setResourceTimingBufferSize(10_000);
    const probe = { moves: [] as number[], labels: [] as number[] };
    (globalThis as unknown as { __hoverProbe: typeof probe }).__hoverProbe = probe;
    document.addEventListener('mousemove', (e) => probe.moves.push(e.timeStamp), { capture: true });
    let last: string | null = null;
    new MutationObserver(() => {
      const style = document.querySelector('[data-testid="hover-label"]')?.getAttribute('style') ?? null;
      if (style !== null && style !== last) probe.labels.push(performance.now());
      last = style;
    }).observe(document.querySelector('.live')!, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const hoverMs: number[] = [];
  const sampleMoves: number[] = [];
  for (let i = 0; i < samples; i++) {
    const target = await canvasPoint(page, [t0, t1, t2][i % 3]!);
    await page.waitForTimeout(150);
    const before = await page.getByTestId('hover-label').getAttribute('style').catch(() => null);
    sampleMoves.push(await page.evaluate(() => (globalThis as unknown as { __hoverProbe: { moves: number[] } }).__hoverProbe.moves.length));
    const start = Date.now();
    await page.mouse.move(target.x, target.y);
    await page.waitForFunction((b) => {
      const el = document.querySelector('[data-testid="hover-label"]');
      return el !== null && el.getAttribute('style') !== b;
    }, before, { timeout: 5000, polling: 'raf' });
    hoverMs.push(Date.now() - start);
  }
  const hoverParts = await page.evaluate((firstMoves) => {
    const probe = (globalThis as unknown as { __hoverProbe: { moves: number[]; labels: number[] } }).__hoverProbe;
    const requests = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.name.includes('designer.hover'));
    const parts = [];
    for (const n of firstMoves) {
      const move = probe.moves[n];
      if (move === undefined) continue;
      const req = requests.find((r) => r.startTime >= move);
      const label = req && probe.labels.find((t) => t >= req.responseEnd);
      if (!req || label === undefined) continue;
      parts.push({ toRequest: req.requestStart - move, server: req.responseStart - req.requestStart, toLabel: label - req.responseStart });
    }
    return parts;
  }, sampleMoves);

  // Live view fps: wheel scrolls over the canvas for 3 s.
  const framesBefore = Number(await canvas.getAttribute('data-frames'));
  const mid = await canvasPoint(page, { x: 640, y: 400 });
  await page.mouse.move(mid.x, mid.y);
  const s0 = Date.now();
  for (let i = 0; Date.now() - s0 < 3000; i++) {
    await page.mouse.wheel(0, i % 40 < 20 ? 120 : -120);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(300);
  const fps = (Number(await canvas.getAttribute('data-frames')) - framesBefore) / ((Date.now() - s0) / 1000);
  // Back to the top: open the page again (a reload would restore the scroll position).
  await page.getByRole('textbox', { name: 'Page URL' }).fill(url);
  await page.getByRole('button', { name: 'Go' }).click();
  await page.getByTestId('busy').waitFor({ state: 'detached', timeout: 30_000 });
  await page.waitForTimeout(500);

  // Pick the list, then add and remove a "price" field: click -> the preview has the price column.
  await page.getByRole('button', { name: 'Pick list' }).click();
  const first = await canvasPoint(page, t0);
  await page.mouse.click(first.x, first.y);
  await page.getByTestId('selection-count').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Add field' }).click();
  await page.mouse.click(first.x, first.y);
  await page.getByTestId('preview').waitFor({ timeout: 30_000 });
  const fieldToPreviewMs: number[] = [];
  const priceAt = await canvasPoint(page, price);
  for (let i = 0; i < Math.min(samples, 6); i++) {
    const start = Date.now();
    await page.mouse.click(priceAt.x, priceAt.y);
    await page.locator('[data-testid="preview"] th', { hasText: /^price$/ }).waitFor({ timeout: 30_000 });
    fieldToPreviewMs.push(Date.now() - start);
    await page.getByRole('button', { name: 'Remove price' }).click();
    await page.locator('[data-field="price"]').waitFor({ state: 'detached', timeout: 30_000 });
  }
  return { hoverMs, hoverParts, fps, fieldToPreviewMs };
}
