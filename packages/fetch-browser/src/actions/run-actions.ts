import { setTimeout as sleep } from 'node:timers/promises';
import { RetryableError, type BrowserAction } from '@scrapifie/recipe';
import { runElementAction } from './element-actions.ts';
import { describeAction, stepError } from './locate.ts';
import { clickNext, infiniteScroll, loadMore } from './list-actions.ts';
import { scroll } from './scroll.ts';
import type { ActionContext, StepContext } from './step-context.ts';

export type { ActionContext, StepContext } from './step-context.ts';

/** Default bound on one step that waits for an element (a step's timeoutMs overrides it; the fetch's timeout caps both). */
export const DEFAULT_STEP_TIMEOUT_MS = 15_000;

function timeoutOf(a: BrowserAction, ctx: ActionContext): number {
  const own = 'timeoutMs' in a && a.timeoutMs !== undefined ? a.timeoutMs : DEFAULT_STEP_TIMEOUT_MS;
  return Math.max(1, Math.min(own, ctx.remaining()));
}

/**
 * Runs the steps in order on the page. A failing step stops the run with an error naming it (`where[i]` and what it
 * does, never a typed value): TIMEOUT when its element never came, INVALID_INPUT for a bad selector or credential.
 */
export async function runActions(actions: readonly BrowserAction[], ctx: ActionContext, where = 'actions'): Promise<void> {
  for (const [i, a] of actions.entries()) {
    const step = describeAction(a);
    const at = `${where}[${i}]`;
    if (ctx.remaining() <= 1) throw new RetryableError('TIMEOUT', `${at} (${step}): the fetch ran out of time before this step`);
    const sc: StepContext = { ...ctx, where: at, step, timeoutMs: timeoutOf(a, ctx) };
    try {
      await runOne(a, sc);
    } catch (e) {
      throw stepError(e, at, step, sc.timeoutMs);
    }
  }
}

async function runOne(a: BrowserAction, sc: StepContext): Promise<void> {
  switch (a.action) {
    case 'click':
    case 'type':
    case 'select':
    case 'hover':
    case 'press':
      return runElementAction(a, sc);
    case 'scroll':
      return scroll(a, sc);
    case 'infiniteScroll':
      return infiniteScroll(a, sc);
    case 'loadMore':
      return loadMore(a, sc);
    case 'clickNext':
      return clickNext(a, sc);
    case 'wait':
      if (a.ms !== undefined) {
        if (a.ms > sc.remaining()) throw new RetryableError('TIMEOUT', `${sc.where} (${sc.step}): longer than what is left of the fetch (${sc.remaining()} ms)`);
        await sleep(a.ms, undefined, sc.signal ? { signal: sc.signal } : {});
        return;
      }
      if (a.until !== undefined) {
        await sc.page.waitForLoadState(a.until, { timeout: sc.timeoutMs });
        return;
      }
      await sc.page.locator(a.css !== undefined ? `css=${a.css}` : `xpath=${a.xpath}`).first().waitFor({ state: a.state ?? 'visible', timeout: sc.timeoutMs });
      return;
  }
}
