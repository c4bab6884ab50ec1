import type { FetchRequest, FetchResponse } from '@scrapifie/engine';
import { InvalidInputError } from '@scrapifie/recipe';
import { BLOCKABLE_RESOURCES, type BlockableResource } from './resource-blocking.ts';

export type WaitUntil = 'load' | 'domcontentloaded' | 'networkidle';
export type ScreenshotSpec = 'viewport' | 'fullPage' | { selector: string };

/** What the browser tier does beyond loading the page. */
export interface BrowserFetchOptions {
  /** The navigation is done at this event (default 'load'). */
  waitUntil?: WaitUntil;
  /** Then wait until an element matching this CSS selector is in the document. */
  waitForSelector?: string;
  /** How long waitForSelector may wait (default: what is left of the request's timeoutMs). */
  waitForSelectorTimeoutMs?: number;
  /** Then wait this long (ms), e.g. for late scripts. */
  waitMs?: number;
  /** Requests the page does not make: images, fonts, media, stylesheets, well-known trackers. */
  blockResources?: BlockableResource[];
  /** Also take a PNG screenshot: of the viewport, the full page, or the first element matching a selector. */
  screenshot?: ScreenshotSpec;
}

export interface BrowserFetchRequest extends FetchRequest {
  browser?: BrowserFetchOptions;
}

export interface BrowserFetchResponse extends FetchResponse {
  /** PNG bytes, when the request asked for a screenshot. */
  screenshot?: Uint8Array;
}

export interface ResolvedFetchOptions {
  waitUntil: WaitUntil;
  waitForSelector: string | undefined;
  waitForSelectorTimeoutMs: number | undefined;
  waitMs: number;
  blockResources: BlockableResource[];
  screenshot: ScreenshotSpec | undefined;
}

const WAIT_UNTIL: readonly WaitUntil[] = ['load', 'domcontentloaded', 'networkidle'];

function invalid(field: string, message: string): InvalidInputError {
  return new InvalidInputError('INVALID_INPUT', `browser option "${field}" ${message}`, [{ path: `browser.${field}`, message }]);
}

function nonNegativeInt(field: string, v: number | undefined): number | undefined {
  if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw invalid(field, `must be a whole number of milliseconds >= 0, got ${String(v)}`);
  return v;
}

function checkScreenshot(s: ScreenshotSpec | undefined): ScreenshotSpec | undefined {
  if (s === undefined || s === 'viewport' || s === 'fullPage') return s;
  if (typeof s === 'object' && s !== null && typeof s.selector === 'string' && s.selector.trim() !== '') return s;
  throw invalid('screenshot', `must be "viewport", "fullPage" or { selector: "<css>" }, got ${JSON.stringify(s)}`);
}

/** Request options over the fetcher's defaults, checked, with every field named when wrong. */
export function resolveFetchOptions(defaults: BrowserFetchOptions = {}, req: BrowserFetchOptions = {}): ResolvedFetchOptions {
  const o = { ...defaults, ...req };
  const waitUntil = o.waitUntil ?? 'load';
  if (!WAIT_UNTIL.includes(waitUntil)) throw invalid('waitUntil', `must be one of ${WAIT_UNTIL.join(', ')}, got ${JSON.stringify(waitUntil)}`);
  if (o.waitForSelector !== undefined && (typeof o.waitForSelector !== 'string' || o.waitForSelector.trim() === '')) {
    throw invalid('waitForSelector', 'must be a non-empty CSS selector');
  }
  const blocked = o.blockResources ?? [];
  for (const kind of blocked) {
    if (!BLOCKABLE_RESOURCES.includes(kind)) throw invalid('blockResources', `lists "${String(kind)}"; use ${BLOCKABLE_RESOURCES.join(', ')}`);
  }
  return {
    waitUntil,
    waitForSelector: o.waitForSelector,
    waitForSelectorTimeoutMs: nonNegativeInt('waitForSelectorTimeoutMs', o.waitForSelectorTimeoutMs),
    waitMs: nonNegativeInt('waitMs', o.waitMs) ?? 0,
    blockResources: [...new Set(blocked)],
    screenshot: checkScreenshot(o.screenshot),
  };
}
