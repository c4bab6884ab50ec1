import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@scrapifie/engine';
import { InvalidInputError, RetryableError, ScrapifieError } from '@scrapifie/recipe';
import type { BrowserContext, Page, Response } from 'playwright-core';
import type { CredentialResolver } from './actions/credentials.ts';
import type { Humanizer } from './actions/humanizer.ts';
import { onLoginPage } from './actions/login.ts';
import { runActions, type ActionContext } from './actions/run-actions.ts';
import type { BlobSink } from './blobs/blob-sink.ts';
import { keepRequested } from './blobs/capture.ts';
import { redactUrl } from './errors.ts';
import type { BrowserFetchRequest, BrowserFetchResponse, ResolvedFetchOptions } from './fetch-options.ts';
import { readRenderedHtml, trackMainDocument } from './main-document.ts';
import { checkRedirects } from './redirects.ts';
import { blockResources } from './resource-blocking.ts';
import { takeScreenshot } from './screenshot.ts';
import { saveSession, type BoundSession, type LoginGate } from './session-binding.ts';
import type { SessionManager } from './session/session-manager.ts';

/** What a fetcher lends its renders. */
export interface RenderServices {
  tier: 'browser' | 'stealth';
  credentials: CredentialResolver | undefined;
  human: Humanizer | undefined;
  sink: BlobSink | undefined;
  sessions: SessionManager;
  logins: LoginGate;
  logger: Logger;
}

/** One fetch on its leased page: what rendering needs, and the time left of req.timeoutMs. */
export interface RenderJob {
  page: Page;
  context: BrowserContext;
  url: string;
  req: BrowserFetchRequest;
  opts: ResolvedFetchOptions;
  started: number;
  remaining: () => number;
  signal: AbortSignal;
  session: BoundSession | undefined;
  services: RenderServices;
}

const CHALLENGE_STATUSES = new Set([403, 429, 503]);

function actionContext(job: RenderJob): ActionContext {
  return { page: job.page, credentials: job.services.credentials, human: job.opts.humanize ? job.services.human : undefined, remaining: job.remaining, signal: job.signal, runId: job.req.runId };
}

/**
 * Loads the page and brings it to the state the recipe wants: signs the session in first when a login is asked
 * (again if the site signed it out), lets a self-solving challenge reload, waits, runs the steps, then reads the
 * rendered HTML and saves the session.
 */
export async function renderPage(job: RenderJob): Promise<BrowserFetchResponse> {
  const { page, url, req, opts, session, services } = job;
  if (req.headers && Object.keys(req.headers).length) await page.setExtraHTTPHeaders(req.headers);
  await blockResources(page, opts.blockResources);
  const login = opts.login;
  if (login && session) await services.logins.ensure(session, login, page, actionContext(job), services.sessions, job.context);
  const documents = trackMainDocument(page);
  try {
    let first = await navigate(job, documents);
    if (login && session && onLoginPage(page.url(), login) && !onLoginPage(url, login)) {
      services.logger.debug('the session was signed out; signing in again', { url: redactUrl(url) });
      await services.logins.ensure(session, login, page, actionContext(job), services.sessions, job.context, true);
      first = await navigate(job, documents);
    }
    if (opts.waitForSelector !== undefined) {
      await waitForSelector(page, opts.waitForSelector, Math.min(opts.waitForSelectorTimeoutMs ?? Infinity, job.remaining()));
    }
    if (opts.waitMs > 0) await sleep(opts.waitMs, undefined, { signal: job.signal });
    if (opts.humanize && services.human) await services.human.pause(page);
    if (opts.actions.length) await runActions(opts.actions, actionContext(job), 'browser.actions');
    const html = await readRenderedHtml(page, opts.waitUntil, job.remaining);
    if (session) await saveSession(services.sessions, session, job.context);
    return await respond(job, documents.latest() ?? first, html);
  } finally {
    documents.stop();
  }
}

/** Undoes what renderPage set on the page itself (extra headers, routes), so its tab can serve another page. False
 *  when that failed: the tab must not be reused. */
export async function resetPage(page: Page, req: BrowserFetchRequest, opts: ResolvedFetchOptions): Promise<boolean> {
  try {
    if (req.headers && Object.keys(req.headers).length) await page.setExtraHTTPHeaders({});
    if (opts.blockResources.length) await page.unrouteAll({ behavior: 'ignoreErrors' });
    return true;
  } catch {
    return false;
  }
}

async function navigate(job: RenderJob, documents: ReturnType<typeof trackMainDocument>): Promise<Response> {
  const { page, url, req, opts } = job;
  const first = await page.goto(url, { waitUntil: opts.waitUntil, timeout: job.remaining() });
  if (!first) throw new ScrapifieError('INTERNAL', `navigating to ${redactUrl(url)} produced no document response`);
  checkRedirects(first.request(), req.maxRedirects);
  await settleChallenge(job, first, documents);
  return first;
}

/**
 * A challenge page (403/429/503 with scripts) that solves itself sets a cookie and reloads: wait up to
 * challengeWaitMs for the page to move on and load. A page that stays is returned as it is (the engine sees the block).
 */
async function settleChallenge(job: RenderJob, first: Response, documents: ReturnType<typeof trackMainDocument>): Promise<void> {
  const { page, opts } = job;
  if (opts.challengeWaitMs <= 0 || !CHALLENGE_STATUSES.has(first.status())) return;
  if ((documents.latest() ?? first) === first) {
    const scripted = await page.evaluate(() => document.scripts.length > 0).catch(() => true);
    if (!scripted) return;
    const main = page.mainFrame();
    const moved = await page
      .waitForEvent('framenavigated', { predicate: (f) => f === main, timeout: Math.max(1, Math.min(opts.challengeWaitMs, job.remaining())) })
      .then(() => true, () => false);
    if (!moved) return;
  }
  await page.waitForLoadState(opts.waitUntil, { timeout: job.remaining() });
}

/** The response of the document the page shows, with its rendered HTML as the body (and a screenshot if asked). */
async function respond(job: RenderJob, document: Response, html: string): Promise<BrowserFetchResponse> {
  const { page, url, req, opts, services } = job;
  const body = new TextEncoder().encode(html);
  if (body.byteLength > req.maxBodyBytes) {
    throw new ScrapifieError('BODY_TOO_LARGE', `the rendered HTML of ${redactUrl(url)} is larger than maxBodyBytes (${req.maxBodyBytes} bytes; it has ${body.byteLength})`);
  }
  const screenshot = opts.screenshot === undefined ? undefined : await takeScreenshot(page, opts.screenshot, job.remaining());
  const sink = services.sink;
  if (sink) {
    const target = { sink, tags: req.blobTags ?? {}, logger: services.logger };
    if (screenshot) await keepRequested(target, page, 'screenshot', screenshot);
    if (opts.html) await keepRequested(target, page, 'html', body);
  }
  const out: BrowserFetchResponse = {
    url: page.url(),
    status: document.status(),
    headers: await document.allHeaders(),
    body,
    tier: services.tier,
    ms: performance.now() - job.started,
  };
  if (screenshot) out.screenshot = screenshot;
  return out;
}

async function waitForSelector(page: Page, selector: string, timeoutMs: number): Promise<void> {
  try {
    await page.waitForSelector(selector, { state: 'attached', timeout: timeoutMs });
  } catch (e) {
    if (e instanceof Error && e.name === 'TimeoutError') {
      throw new RetryableError('TIMEOUT', `no element matched waitForSelector "${selector}" on ${redactUrl(page.url())} within ${timeoutMs} ms`, { cause: e });
    }
    if (e instanceof Error && /is not a valid selector|Unexpected token|SyntaxError/i.test(e.message)) {
      throw new InvalidInputError('INVALID_INPUT', `browser option "waitForSelector" is not a valid selector: ${selector}`);
    }
    throw e;
  }
}
