import type { Page, Response } from 'playwright-core';

const NAVIGATING = /page is navigating|Execution context was destroyed/i;

/**
 * Follows the page's main-frame document responses, so that a page that moved on by script (location.replace after
 * the first document loaded) reports the status and headers of the document it ended on. Returns the latest and
 * an unsubscribe.
 */
export function trackMainDocument(page: Page): { latest(): Response | undefined; stop(): void } {
  const main = page.mainFrame();
  let latest: Response | undefined;
  const onResponse = (response: Response): void => {
    const request = response.request();
    if (request.isNavigationRequest() && request.frame() === main) latest = response;
  };
  page.on('response', onResponse);
  return { latest: () => latest, stop: () => page.off('response', onResponse) };
}

/**
 * The page's serialised HTML. A page navigating by script at that moment cannot be read: wait for the next
 * document to reach `state` and read again (a few times at most, then the last error stands).
 */
export async function readRenderedHtml(page: Page, state: 'load' | 'domcontentloaded' | 'networkidle', remainingMs: () => number): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await page.content();
    } catch (e) {
      if (attempt >= 3 || !(e instanceof Error) || !NAVIGATING.test(e.message)) throw e;
      await page.waitForLoadState(state, { timeout: remainingMs() });
    }
  }
}
