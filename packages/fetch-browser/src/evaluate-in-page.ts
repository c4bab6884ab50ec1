import { evaluateInPage as evaluateWithBundle, type PageContext, type PageOutcome } from '@scrapifie/extract';
import { RetryableError, ScrapifieError, type PageSpec } from '@scrapifie/recipe';
import type { Page } from 'playwright-core';
import { redactUrl } from './errors.ts';

/**
 * Evaluates a recipe's PageSpec inside a live page with the extract package's browser bundle (injected on first use),
 * so a rendered page yields the same rows as its static HTML would. A page that navigates away or closes during the
 * evaluation fails with a retryable error; a bad recipe with InvalidInputError.
 */
export async function evaluateInPage(page: Page, spec: PageSpec, specPath: string, ctx: PageContext): Promise<PageOutcome> {
  try {
    return await evaluateWithBundle(page, spec, specPath, ctx);
  } catch (e) {
    if (e instanceof ScrapifieError) throw e;
    const message = e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e);
    if (/Execution context was destroyed|navigat/i.test(message)) {
      throw new RetryableError('CONNECTION_ERROR', `${redactUrl(ctx.url)} navigated away during extraction`, { cause: e });
    }
    if (/closed|crash/i.test(message)) {
      throw new RetryableError('CONNECTION_ERROR', `the page of ${redactUrl(ctx.url)} closed during extraction`, { cause: e });
    }
    throw new ScrapifieError('EXTRACTION_ERROR', `in-page extraction on ${redactUrl(ctx.url)} failed: ${message}`, { cause: e });
  }
}
