import type { BrowserAction } from '@scrapifie/recipe';
import { parseCredentialRef, missingCredential } from './credentials.ts';
import { locate } from './locate.ts';
import type { StepContext } from './step-context.ts';

type ElementAction = Extract<BrowserAction, { action: 'click' | 'type' | 'select' | 'hover' | 'press' }>;

/** How long an optional click looks for its element before skipping (unless the step says otherwise). */
const OPTIONAL_LOOK_MS = 2000;

async function textToType(a: Extract<BrowserAction, { action: 'type' }>, sc: StepContext): Promise<string> {
  if (a.value !== undefined) return a.value;
  const ref = parseCredentialRef(a.credential as string);
  if (!sc.credentials) throw missingCredential(ref);
  return sc.credentials.resolve(ref, { runId: sc.runId });
}

/** click, type, select, hover, press: one element (the first match), waited for up to the step's timeout. */
export async function runElementAction(a: ElementAction, sc: StepContext): Promise<void> {
  const { page, human } = sc;
  switch (a.action) {
    case 'click': {
      const target = locate(page, a);
      if (a.optional) {
        const look = Math.min(a.timeoutMs ?? OPTIONAL_LOOK_MS, sc.timeoutMs);
        const there = await target.waitFor({ state: 'visible', timeout: look }).then(() => true, () => false);
        if (!there) return;
      }
      if (human) await human.click(page, target, sc.timeoutMs);
      else await target.click({ timeout: sc.timeoutMs });
      return;
    }
    case 'type': {
      const target = locate(page, a);
      const text = await textToType(a, sc);
      if (a.clear !== false) await target.fill('', { timeout: sc.timeoutMs });
      if (human) await human.type(page, target, text, sc.timeoutMs);
      else if (a.clear !== false) await target.fill(text, { timeout: sc.timeoutMs });
      else {
        await target.focus({ timeout: sc.timeoutMs });
        await target.press('End', { timeout: sc.timeoutMs });
        await target.pressSequentially(text, { timeout: sc.timeoutMs });
      }
      return;
    }
    case 'select': {
      const target = locate(page, a);
      const choice = a.label !== undefined ? { label: a.label } : a.value;
      await target.selectOption(choice ?? null, { timeout: sc.timeoutMs });
      return;
    }
    case 'hover': {
      const target = locate(page, a);
      if (human) await human.hover(page, target, sc.timeoutMs);
      else await target.hover({ timeout: sc.timeoutMs });
      return;
    }
    case 'press':
      if (a.css !== undefined || a.xpath !== undefined) await locate(page, a).press(a.key, { timeout: sc.timeoutMs });
      else await page.keyboard.press(a.key);
      return;
  }
}
