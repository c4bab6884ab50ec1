import { InvalidInputError, RetryableError, ScrapifieError } from '@scrapifie/recipe';
import type { BrowserAction, Selector } from '@scrapifie/recipe';
import type { Locator, Page } from 'playwright-core';

export interface Target {
  css?: string | undefined;
  xpath?: string | undefined;
}

/** The Playwright selector of a css/xpath pair. */
export function selectorOf(t: Target): string {
  if (t.css !== undefined) return `css=${t.css}`;
  if (t.xpath !== undefined) return `xpath=${t.xpath}`;
  throw new InvalidInputError('INVALID_INPUT', 'a browser step needs "css" or "xpath"');
}

export function locate(page: Page, t: Target): Locator {
  return page.locator(selectorOf(t)).first();
}

/** Counts, in the page, the elements a selector matches (CSS, or XPath elements). */
export function countItems(page: Page, s: Selector): Promise<number> {
  return page.evaluate(([css, xpath]) => {
    if (css) return document.querySelectorAll(css).length;
    const r = document.evaluate(xpath as string, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
    return r.snapshotLength;
  }, [s.css ?? null, s.xpath ?? null] as const);
}

/** A short description of a step for messages, e.g. 'click css "#login"'. Never shows a typed value. */
export function describeAction(a: BrowserAction): string {
  const on = 'css' in a && a.css !== undefined ? ` css "${a.css}"` : 'xpath' in a && a.xpath !== undefined ? ` xpath "${a.xpath}"` : '';
  if (a.action === 'press') return `press "${a.key}"${on}`;
  if (a.action === 'wait') return a.ms !== undefined ? `wait ${a.ms} ms` : a.until !== undefined ? `wait until ${a.until}` : `wait for${on}`;
  if (a.action === 'infiniteScroll') return `infiniteScroll over ${a.items.css ?? a.items.xpath}`;
  return `${a.action}${on}`;
}

/** Playwright's failure of a step as the product's error, naming the step (`where`, e.g. "page.actions[2]"). */
export function stepError(e: unknown, where: string, step: string, timeoutMs: number): unknown {
  if (e instanceof ScrapifieError) return e;
  if (!(e instanceof Error)) return e;
  const first = e.message.split('\n')[0] ?? e.message;
  if (e.name === 'TimeoutError') {
    return new RetryableError('TIMEOUT', `${where} (${step}): the element did not become ready within ${timeoutMs} ms`, { cause: e });
  }
  if (/is not a valid selector|Unexpected token|SyntaxError|Failed to execute 'evaluate'|not a valid XPath/i.test(first)) {
    return new InvalidInputError('INVALID_INPUT', `${where} (${step}): the selector is not valid: ${first}`, [{ path: where, message: 'invalid selector' }]);
  }
  if (/did not find some options/i.test(first)) {
    return new InvalidInputError('INVALID_INPUT', `${where} (${step}): the list has no such option`, [{ path: where, message: 'no such option' }]);
  }
  return e;
}
