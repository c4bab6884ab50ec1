import { RetryableError } from '@scrapifie/recipe';
import type { Page } from 'playwright-core';
import type { ScreenshotSpec } from './fetch-options.ts';

/** A PNG of the viewport, the whole page, or the first element matching a selector (within `timeoutMs`). */
export async function takeScreenshot(page: Page, spec: ScreenshotSpec, timeoutMs: number): Promise<Uint8Array> {
  let png: Buffer;
  if (spec === 'viewport' || spec === 'fullPage') {
    png = await page.screenshot({ type: 'png', fullPage: spec === 'fullPage', timeout: timeoutMs });
  } else {
    try {
      png = await page.locator(spec.selector).first().screenshot({ type: 'png', timeout: timeoutMs });
    } catch (e) {
      if (e instanceof Error && e.name === 'TimeoutError') {
        throw new RetryableError('TIMEOUT', `no visible element matched the screenshot selector "${spec.selector}" within ${timeoutMs} ms`, { cause: e });
      }
      throw e;
    }
  }
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
