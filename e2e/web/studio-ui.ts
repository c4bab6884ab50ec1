/**
 * What the studio flows do in the browser, as a user would: click on the designer's live view, wait for a run to
 * finish on the Runs screen, export from the results grid, keep screenshots of each screen.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Browser, type Locator, type Page, type TestInfo } from '@playwright/test';

/** The live view's page size (the designer's default viewport). */
const VIEW = { width: 1280, height: 800 };

export interface Point {
  x: number;
  y: number;
}

/**
 * Where elements sit on a page at the live view's viewport, as the user sees them in the designer: a probe tab at
 * 1280x800 in the test's own browser (not the studio). `prepare` brings the probe to the state the designer is in.
 */
export async function pointsOn(browser: Browser, url: string, selectors: Record<string, string>, prepare?: (probe: Page) => Promise<void>): Promise<Record<string, Point>> {
  const context = await browser.newContext({ viewport: VIEW });
  try {
    const probe = await context.newPage();
    if (prepare) await prepare(probe);
    else await probe.goto(url);
    const out: Record<string, Point> = {};
    for (const [name, css] of Object.entries(selectors)) {
      const box = await probe.locator(css).first().boundingBox();
      if (!box) throw new Error(`${css} is not visible on ${url}`);
      out[name] = { x: box.x + Math.min(box.width / 2, 20), y: box.y + box.height / 2 };
    }
    return out;
  } finally {
    await context.close();
  }
}

/** The designer's live view of one page. */
export class LiveView {
  readonly page: Page;
  readonly canvas: Locator;
  constructor(page: Page) {
    this.page = page;
    this.canvas = page.getByTestId('live-view');
  }

  /** Opens the designer on `url` and waits for the page's first frames. */
  static async open(page: Page, studioUrl: string, url: string): Promise<LiveView> {
    await page.goto(`${studioUrl}/#/designer?url=${encodeURIComponent(url)}`);
    const view = new LiveView(page);
    await expect(view.canvas).toHaveAttribute('data-frames', /[1-9]/, { timeout: 60_000 });
    return view;
  }

  async #scaled(p: Point): Promise<Point> {
    const b = (await this.canvas.boundingBox())!;
    return { x: (p.x * b.width) / VIEW.width, y: (p.y * b.height) / VIEW.height };
  }

  async click(p: Point): Promise<void> {
    await this.canvas.click({ position: await this.#scaled(p) });
  }

  async hover(p: Point): Promise<void> {
    await this.canvas.hover({ position: await this.#scaled(p) });
  }
}

/** Waits on the Runs screen until the run of `recipe` (the newest) has finished; returns its row. */
export async function waitForRun(page: Page, recipe: string, status = 'completed', timeout = 60_000): Promise<Locator> {
  await expect(page.getByRole('heading', { name: 'Runs' })).toBeVisible();
  const row = page.locator('tr[data-run]').filter({ hasText: recipe }).first();
  try {
    await expect(row.locator('[data-col="status"]')).toHaveText(status, { timeout });
  } catch (e) {
    // Say what the run shows: its counters and its last error (the errors cell's title).
    const errors = row.locator('[data-col="errors"]');
    throw new Error(`the run of ${recipe} did not become ${status}: row "${await row.innerText()}", last error: ${await errors.getAttribute('title')}`, { cause: e });
  }
  return row;
}

/** Clicks the grid's CSV export and returns the downloaded file's text (the browser's download, as a user gets it). */
export async function exportCsv(page: Page, testInfo: TestInfo, name: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const path = testInfo.outputPath(name);
  await download.saveAs(path);
  await testInfo.attach(name, { path, contentType: 'text/csv' });
  return readFileSync(path, 'utf8');
}

/** RFC 4180 CSV (quoted cells, doubled quotes, CRLF) into records keyed by the header. */
export function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell.replace(/\r$/, '')), rows.push(row), (row = []), (cell = '');
    else cell += c;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  const [head, ...body] = rows;
  if (!head) throw new Error('the CSV file is empty');
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

/** A screenshot of the whole screen, kept in test-results/screens/ and attached to the test's report. */
export async function screen(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = join(testInfo.project.outputDir, 'screens');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}
