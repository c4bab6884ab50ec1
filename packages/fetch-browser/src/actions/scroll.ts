import type { BrowserAction } from '@scrapifie/recipe';
import type { Page } from 'playwright-core';
import { locate } from './locate.ts';
import type { StepContext } from './step-context.ts';

/** Scrolls the page to its bottom: by wheel steps when human-like, else at once. */
export async function scrollToBottom(page: Page, sc: Pick<StepContext, 'human'>): Promise<void> {
  if (sc.human) {
    const left = await page.evaluate(() => document.documentElement.scrollHeight - (window.scrollY + window.innerHeight));
    if (left > 0) await sc.human.scrollBy(page, left);
    return;
  }
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
}

export async function scroll(a: Extract<BrowserAction, { action: 'scroll' }>, sc: StepContext): Promise<void> {
  const { page } = sc;
  if (a.to === 'bottom') return scrollToBottom(page, sc);
  if (a.to === 'top') {
    await page.evaluate(() => window.scrollTo(0, 0));
    return;
  }
  if (a.by !== undefined) {
    if (sc.human) await sc.human.scrollBy(page, a.by);
    else await page.evaluate((dy) => window.scrollBy(0, dy), a.by);
    return;
  }
  await locate(page, a).scrollIntoViewIfNeeded({ timeout: sc.timeoutMs });
}
