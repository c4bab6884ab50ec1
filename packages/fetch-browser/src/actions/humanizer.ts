import type { Locator, Page } from 'playwright-core';

/**
 * Human-like input for browser steps (the stealth tier's `humanize`): pointer paths instead of jumps, wheel scrolling
 * in uneven steps, typing with delays between keys. Without one, steps act directly (fast).
 */
export interface Humanizer {
  click(page: Page, target: Locator, timeoutMs: number): Promise<void>;
  hover(page: Page, target: Locator, timeoutMs: number): Promise<void>;
  /** Focuses the field (by a click), moves the caret to the end and types `text` key by key. */
  type(page: Page, target: Locator, text: string, timeoutMs: number): Promise<void>;
  /** Scrolls by `dy` pixels with the mouse wheel, in steps. */
  scrollBy(page: Page, dy: number): Promise<void>;
  /** A short, idle-looking pause. */
  pause(page: Page): Promise<void>;
}
