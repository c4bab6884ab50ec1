import type { FetchRequest, FetchResponse } from '@scrapifie/engine';
import { BrowserActionSchema, InvalidInputError, LoginSchema, issuesOf, type BrowserAction, type Login } from '@scrapifie/recipe';
import { BLOCKABLE_RESOURCES, type BlockableResource } from './resource-blocking.ts';
import type { SessionProxy } from './session/session-store.ts';

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
  /** Also take a PNG screenshot: of the viewport, the full page, or the first element matching a selector (returned,
   *  and kept in the fetcher's blob sink when it has one). */
  screenshot?: ScreenshotSpec;
  /** Keep the rendered HTML in the fetcher's blob sink. */
  html?: boolean;
  /** Keep a screenshot and the HTML of a page that failed in the blob sink (default true). */
  captureOnFailure?: boolean;
  /** Browser steps run in order after the waits, before the HTML is read (the recipe's page actions). */
  actions?: BrowserAction[];
  /** Sign in once per session before the page is loaded (the recipe's fetch.browser.login). */
  login?: Login;
  /** Human-like pointer paths, scrolling and typing. */
  humanize?: boolean;
  /** A 403/429/503 page with scripts may be a challenge that solves itself and reloads: wait this long for the
   *  page to move on (default 5000 ms; 0: never). */
  challengeWaitMs?: number;
}

export interface BrowserFetchRequest extends FetchRequest {
  browser?: BrowserFetchOptions;
  /** Fetch in this session: its cookies, storage, proxy (and, on the stealth tier, fingerprint) are reused and saved. */
  session?: string;
  /** The proxy to go out through (a session keeps the one it started with). */
  proxy?: SessionProxy;
  /** Filed with every blob this fetch keeps (e.g. run id and request key). */
  blobTags?: Record<string, string>;
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
  html: boolean;
  captureOnFailure: boolean;
  actions: BrowserAction[];
  login: Login | undefined;
  humanize: boolean;
  challengeWaitMs: number;
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
  // With a selector to wait for, navigation need not wait for every image and font: the selector says when the
  // content is there (the page's own rendering, not its subresources). Otherwise the full load event.
  const waitUntil = o.waitUntil ?? (o.waitForSelector !== undefined ? 'domcontentloaded' : 'load');
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
    html: o.html === true,
    captureOnFailure: o.captureOnFailure !== false,
    actions: checkActions(o.actions),
    login: checkLogin(o.login),
    humanize: o.humanize === true,
    challengeWaitMs: nonNegativeInt('challengeWaitMs', o.challengeWaitMs) ?? 5000,
  };
}

const checkedActions = new WeakMap<object, BrowserAction[]>();

/** Steps checked against the recipe's schema once per array (a recipe's arrays are reused for every page). */
function checkActions(actions: BrowserAction[] | undefined): BrowserAction[] {
  if (actions === undefined) return [];
  const known = checkedActions.get(actions);
  if (known) return known;
  const r = BrowserActionSchema.array().safeParse(actions);
  if (!r.success) throw invalidSpec('actions', r.error);
  checkedActions.set(actions, r.data);
  return r.data;
}

const checkedLogins = new WeakMap<object, Login>();

function checkLogin(login: Login | undefined): Login | undefined {
  if (login === undefined) return undefined;
  const known = checkedLogins.get(login);
  if (known) return known;
  const r = LoginSchema.safeParse(login);
  if (!r.success) throw invalidSpec('login', r.error);
  checkedLogins.set(login, r.data);
  return r.data;
}

function invalidSpec(field: string, error: Parameters<typeof issuesOf>[0]): InvalidInputError {
  const issues = issuesOf(error).map((i) => ({ path: i.path === '(root)' ? `browser.${field}` : `browser.${field}${i.path.startsWith('[') ? '' : '.'}${i.path}`, message: i.message }));
  return new InvalidInputError('INVALID_INPUT', `browser option "${field}" is not valid:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`, issues);
}
