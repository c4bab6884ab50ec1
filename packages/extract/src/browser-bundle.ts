import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidInputError, ScrapifieError, type PageSpec } from '@scrapifie/recipe';
import type { InPageResult } from './browser-entry.ts';
import type { PageContext, PageOutcome } from './types.ts';

/** Absolute path of dist/extract.browser.js, the in-page evaluator (built by `npm run build -w @scrapifie/extract`). */
export function browserBundlePath(): string {
  return fileURLToPath(new URL('../dist/extract.browser.js', import.meta.url));
}

let cached: { path: string; mtimeMs: number; source: string } | undefined;

/** The source of the browser bundle, to inject into a page. Throws, saying how to build it, when it is missing. */
export function readBrowserBundle(): string {
  return readBundleFile(browserBundlePath());
}

/** readBrowserBundle for a given path (kept in memory until the file changes). */
export function readBundleFile(path: string): string {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    throw new ScrapifieError('INTERNAL', `The browser bundle of @scrapifie/extract is missing (${path}): run "npm run build -w @scrapifie/extract" (or "npm run build") first`);
  }
  if (cached?.path !== path || cached.mtimeMs !== mtimeMs) cached = { path, mtimeMs, source: readFileSync(path, 'utf8') };
  return cached.source;
}

/** What evaluateInPage needs of a page: Playwright's Page fits. */
export interface ScriptablePage {
  evaluate(expression: string): Promise<unknown>;
}

/**
 * Evaluates a PageSpec inside a live page (browser tier, designer preview): installs the bundle when the page does
 * not have it yet (by evaluation, so a Content-Security-Policy does not block it), runs it against the page's
 * document, and turns an in-page failure back into the error it was (InvalidInputError for a bad recipe).
 */
export async function evaluateInPage(page: ScriptablePage, spec: PageSpec, specPath: string, ctx: PageContext): Promise<PageOutcome> {
  const installed = await page.evaluate('typeof globalThis.__scrapifie === "object" && globalThis.__scrapifie.version === 1');
  if (installed !== true) await page.evaluate(readBrowserBundle());
  const call = `globalThis.__scrapifie.evaluatePageResult(${JSON.stringify(spec)}, ${JSON.stringify(specPath)}, ${JSON.stringify(ctx)})`;
  const result = (await page.evaluate(call)) as InPageResult;
  if (result.ok) return result.outcome;
  const { code, message } = result.error;
  if (code === 'INVALID_RECIPE' || code === 'INVALID_INPUT' || code === 'INVALID_URL') throw new InvalidInputError(code, message);
  throw new ScrapifieError('EXTRACTION_ERROR', `in-page extraction failed: ${message}`);
}
