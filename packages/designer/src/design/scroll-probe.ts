import type { SelectorSpec } from '../page/types.ts';
import type { DesignerSession } from '../session/designer-session.ts';

export interface ScrollProbe {
  grew: boolean;
  /** What was counted: the list's items, or (without an item selector) the page's height in pixels. */
  what: 'items' | 'height';
  before: number;
  after: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Scrolls to the bottom with the mouse wheel (real scroll events, as a reader makes) and waits up to `idleMs` for
 * the list to grow; then scrolls back to the top. Done directly on the page: not an input the recorder records.
 */
export async function probeInfiniteScroll(session: DesignerSession, items: SelectorSpec | undefined, idleMs: number): Promise<ScrollProbe> {
  const measure = async (): Promise<number> => (items ? session.inPage('count', items, null) : (await session.inPage('scrollState')).scrollHeight);
  const what = items ? 'items' : 'height';
  const before = await measure();
  const { scrollHeight, innerHeight } = await session.inPage('scrollState');
  const vp = session.viewport();
  await session.page.mouse.move(Math.floor(vp.width / 2), Math.floor(vp.height / 2));
  await session.page.mouse.wheel(0, scrollHeight + innerHeight);
  let after = before;
  const until = Date.now() + idleMs;
  while (Date.now() < until) {
    await sleep(100);
    after = await measure();
    if (after > before) break;
  }
  await session.page.mouse.wheel(0, -(Math.max(scrollHeight, after) + innerHeight) * 2);
  return { grew: after > before, what, before, after };
}
