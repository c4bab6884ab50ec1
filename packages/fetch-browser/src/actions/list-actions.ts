import { setTimeout as sleep } from 'node:timers/promises';
import { RetryableError, type BrowserAction, type Selector } from '@scrapifie/recipe';
import type { Locator, Page } from 'playwright-core';
import { countItems, locate } from './locate.ts';
import type { StepContext } from './step-context.ts';
import { scrollToBottom } from './scroll.ts';

const DEFAULT_IDLE_MS = 1500;
const NAVIGATING = /Execution context was destroyed|page is navigating|navigation/i;

function outOfTime(sc: StepContext, what: string): RetryableError {
  return new RetryableError('TIMEOUT', `${sc.where} (${sc.step}): the fetch ran out of time ${what}; raise fetch.timeoutMs or lower the step's limit`);
}

/** The item count once it exceeds `than` within `ms`, or undefined when it did not grow. */
async function grewWithin(page: Page, items: Selector, than: number, ms: number): Promise<number | undefined> {
  try {
    await page.waitForFunction(
      ([css, xpath, n]) => (css ? document.querySelectorAll(css).length : document.evaluate(xpath as string, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null).snapshotLength) > n,
      [items.css ?? null, items.xpath ?? null, than] as const,
      { timeout: ms, polling: 100 },
    );
  } catch (e) {
    if (e instanceof Error && e.name === 'TimeoutError') return undefined;
    throw e;
  }
  return countItems(page, items);
}

/** Present, visible, enabled and not aria-disabled: a control worth clicking. */
async function usable(control: Locator): Promise<boolean> {
  if ((await control.count()) === 0) return false;
  if (!(await control.isVisible()) || !(await control.isEnabled())) return false;
  return (await control.getAttribute('aria-disabled')) !== 'true';
}

async function press(control: Locator, sc: StepContext): Promise<void> {
  if (sc.human) await sc.human.click(sc.page, control, sc.timeoutMs);
  else await control.click({ timeout: sc.timeoutMs });
}

/** Scrolls to the bottom until the items stop growing (no new one within idleMs), maxItems or maxScrolls. */
export async function infiniteScroll(a: Extract<BrowserAction, { action: 'infiniteScroll' }>, sc: StepContext): Promise<void> {
  const idle = a.idleMs ?? DEFAULT_IDLE_MS;
  let count = await countItems(sc.page, a.items);
  for (let i = 0; i < (a.maxScrolls ?? 50); i++) {
    if (a.maxItems !== undefined && count >= a.maxItems) return;
    await scrollToBottom(sc.page, sc);
    const grown = await grewWithin(sc.page, a.items, count, Math.min(idle, sc.remaining()));
    if (grown === undefined) {
      if (sc.remaining() <= 1) throw outOfTime(sc, `after ${count} items`);
      return;
    }
    count = grown;
  }
}

/** Clicks "load more" while it is there and enabled, and each click adds items (up to maxClicks). */
export async function loadMore(a: Extract<BrowserAction, { action: 'loadMore' }>, sc: StepContext): Promise<void> {
  const idle = a.idleMs ?? DEFAULT_IDLE_MS;
  for (let i = 0; i < (a.maxClicks ?? 50); i++) {
    const button = locate(sc.page, a);
    if (!(await usable(button))) return;
    const before = await countItems(sc.page, a.items);
    await press(button, sc);
    const grown = await grewWithin(sc.page, a.items, before, Math.min(idle, sc.remaining()));
    if (grown === undefined) {
      if (sc.remaining() <= 1) throw outOfTime(sc, `after ${i + 1} clicks`);
      return;
    }
  }
}

type PageState = { signature: string; items: string[] };

/** The page's items (outer HTML) and a signature of the state (URL and items), or undefined while it navigates. */
async function readState(page: Page, items: Selector): Promise<PageState | undefined> {
  try {
    return await page.evaluate(([css, xpath]) => {
      const found: Element[] = [];
      if (css) found.push(...document.querySelectorAll(css));
      else {
        const r = document.evaluate(xpath as string, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
        for (let i = 0; i < r.snapshotLength; i++) {
          const n = r.snapshotItem(i);
          if (n instanceof Element) found.push(n);
        }
      }
      const html = found.map((e) => e.outerHTML);
      return { signature: `${location.href}\n${html.length}\n${html[0] ?? ''}\n${html[html.length - 1] ?? ''}`, items: html };
    }, [items.css ?? null, items.xpath ?? null] as const);
  } catch (e) {
    if (e instanceof Error && NAVIGATING.test(e.message)) return undefined;
    throw e;
  }
}

/** Waits for a state with items that differs from `previous` (the click may navigate or re-render in place). */
async function nextState(sc: StepContext, items: Selector, previous: string | undefined): Promise<PageState> {
  const until = performance.now() + sc.timeoutMs;
  while (performance.now() < until) {
    const state = await readState(sc.page, items);
    if (state && state.items.length > 0 && state.signature !== previous) return state;
    await sleep(100);
  }
  throw new RetryableError('TIMEOUT', `${sc.where} (${sc.step}): no ${previous === undefined ? '' : 'new '}items appeared within ${sc.timeoutMs} ms`);
}

/**
 * Pagination by a "next" control: gathers the items of each page visited (until the control is gone or disabled, a
 * page repeats, or maxPages), then puts every gathered item, in order, in place of the last page's items, so the
 * rendered HTML holds the whole listing.
 */
export async function clickNext(a: Extract<BrowserAction, { action: 'clickNext' }>, sc: StepContext): Promise<void> {
  let state = await nextState(sc, a.items, undefined);
  const gathered = [...state.items];
  const seen = new Set([state.signature]);
  for (let n = 2; n <= (a.maxPages ?? 10); n++) {
    const next = locate(sc.page, a);
    if (!(await usable(next))) break;
    await press(next, sc);
    state = await nextState(sc, a.items, state.signature);
    if (seen.has(state.signature)) break;
    seen.add(state.signature);
    gathered.push(...state.items);
  }
  if (gathered.length === state.items.length) return;
  await sc.page.evaluate(([css, xpath, html]) => {
    const found: Element[] = [];
    if (css) found.push(...document.querySelectorAll(css));
    else {
      const r = document.evaluate(xpath as string, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
      for (let i = 0; i < r.snapshotLength; i++) {
        const el = r.snapshotItem(i);
        if (el instanceof Element) found.push(el);
      }
    }
    const first = found[0];
    if (!first?.parentNode) return;
    const template = document.createElement('template');
    template.innerHTML = html;
    first.parentNode.insertBefore(template.content, first);
    for (const el of found) el.remove();
  }, [a.items.css ?? null, a.items.xpath ?? null, gathered.join('\n')] as const);
}
