import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidInputError, RetryableError, ScrapifieError } from '@scrapifie/recipe';
import type { DesignerInPage } from '../page/entry.ts';

/** Absolute path of dist/designer.picker.js (built by `npm run build -w @scrapifie/designer`). */
export function pickerBundlePath(): string {
  return fileURLToPath(new URL('../../dist/designer.picker.js', import.meta.url));
}

let cached: { mtimeMs: number; source: string } | undefined;

/** The picker bundle's source, re-read when the file changes. Throws, saying how to build it, when it is missing. */
export function readPickerBundle(): string {
  const path = pickerBundlePath();
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    throw new ScrapifieError('INTERNAL', `The picker bundle of @scrapifie/designer is missing (${path}): run "npm run build -w @scrapifie/designer" (or "npm run build") first`);
  }
  if (cached?.mtimeMs !== mtimeMs) cached = { mtimeMs, source: readFileSync(path, 'utf8') };
  return cached.source;
}

/** What callInPage needs of a page: Playwright's Page fits. */
export interface EvaluatingPage {
  evaluate(expression: string): Promise<unknown>;
}

export type InPageMethod = Exclude<keyof DesignerInPage, 'version'>;
type Reply = { missing: true } | { ok: true; value: unknown } | { ok: false; message: string };

function expression(method: string, args: unknown[]): string {
  return `(() => { const d = globalThis.__scrapifieDesigner;
    if (!d || d.version !== 1) return { missing: true };
    try { return { ok: true, value: d[${JSON.stringify(method)}](...${JSON.stringify(args)}) }; }
    catch (e) { return { ok: false, message: String(e && e.message || e) }; } })()`;
}

/** An in-page failure ("CODE: message") as the product's error. */
function inPageError(message: string): ScrapifieError {
  const m = /^([A-Z_]+): ([\s\S]*)$/.exec(message);
  const [code, text] = m ? [m[1], m[2] as string] : ['INTERNAL', message];
  if (code === 'INVALID_INPUT' || code === 'NOT_IN_ITEM') return new InvalidInputError('INVALID_INPUT', text);
  if (code === 'STALE_REF' || code === 'NOTHING_THERE') return new ScrapifieError('NOT_FOUND', text);
  return new ScrapifieError('INTERNAL', `the designer's picker failed in the page: ${text}`);
}

/** A Playwright failure of the evaluation itself (the page navigated or closed meanwhile). */
function evaluationError(e: unknown, method: string): ScrapifieError {
  if (e instanceof ScrapifieError) return e;
  const message = e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e);
  if (/Execution context was destroyed|navigat/i.test(message)) return new RetryableError('CONNECTION_ERROR', `the page navigated while the designer ran ${method}: try again`, { cause: e });
  if (/closed|crash/i.test(message)) return new ScrapifieError('CANCELLED', `the designer's page closed during ${method}`, { cause: e });
  return new ScrapifieError('INTERNAL', `the designer's ${method} failed: ${message}`, { cause: e });
}

/**
 * Calls a function of the picker in the page, installing the bundle first when the page does not have it (a new
 * document after every navigation). Installed by evaluation, so a Content-Security-Policy cannot block it.
 */
export async function callInPage<M extends InPageMethod>(
  page: EvaluatingPage,
  method: M,
  ...args: Parameters<DesignerInPage[M]>
): Promise<ReturnType<DesignerInPage[M]>> {
  const expr = expression(method, args);
  try {
    let reply = (await page.evaluate(expr)) as Reply;
    if ('missing' in reply) {
      await page.evaluate(readPickerBundle());
      reply = (await page.evaluate(expr)) as Reply;
      if ('missing' in reply) throw new ScrapifieError('INTERNAL', 'the picker bundle did not install in the page');
    }
    if (!reply.ok) throw inPageError(reply.message);
    return reply.value as ReturnType<DesignerInPage[M]>;
  } catch (e) {
    throw evaluationError(e, method);
  }
}
