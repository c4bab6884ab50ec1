import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { stableStringify } from '@scrapifie/engine';
import { InvalidInputError, RetryableError, type Login } from '@scrapifie/recipe';
import type { Page } from 'playwright-core';
import { redactUrl } from '../errors.ts';
import { locate, stepError, type Target } from './locate.ts';
import { runActions, type ActionContext } from './run-actions.ts';

/** Identifies a login spec: a session signed in by one login is not signed in for another. */
export function loginHash(login: Login): string {
  return createHash('sha256').update(stableStringify(login)).digest('hex').slice(0, 16);
}

function pathOf(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

/** Whether the page shows the sign-in page (same origin and path as login.url): the session was signed out. */
export function onLoginPage(pageUrl: string, login: Login): boolean {
  try {
    return pathOf(pageUrl) === pathOf(login.url);
  } catch {
    return false;
  }
}

/** Default bound on the wait for a login to show its result. */
const LOGIN_RESULT_MS = 15_000;
const MARK = '__scrapifieBeforeLogin';

/**
 * Signs in on the page: loads login.url, runs its steps, then waits for login.success (an element only signed-in
 * pages show) or, without one, for the page to leave the sign-in page. A new document that is the sign-in page again
 * (the site refused the credentials) fails at once with INVALID_INPUT (retrying would not help); no result within
 * login.timeoutMs (default 15 s): TIMEOUT, retryable.
 */
export async function performLogin(login: Login, ctx: ActionContext): Promise<void> {
  const { page } = ctx;
  const bound = (): number => Math.max(1, Math.min(login.timeoutMs ?? LOGIN_RESULT_MS, ctx.remaining()));
  await page.goto(login.url, { waitUntil: 'load', timeout: ctx.remaining() });
  await page.evaluate((mark) => Object.defineProperty(window, mark, { value: true }), MARK);
  await runActions(login.actions, ctx, 'browser.login.actions');
  const until = performance.now() + bound();
  for (;;) {
    const onLogin = onLoginPage(page.url(), login);
    if (login.success ? await present(page, login.success) : !onLogin) return;
    if (onLogin && (await reloaded(page))) throw stillSignedOut(page.url());
    if (performance.now() >= until) {
      if (onLogin) throw stillSignedOut(page.url());
      throw new RetryableError('TIMEOUT', `the login's success element (${login.success?.css ?? login.success?.xpath}) did not appear on ${redactUrl(page.url())} within ${bound()} ms`);
    }
    await sleep(100);
  }
}

async function present(page: Page, target: Target): Promise<boolean> {
  try {
    return (await locate(page, target).count()) > 0;
  } catch (e) {
    const error = stepError(e, 'browser.login.success', 'find the success element', 0);
    if (error instanceof InvalidInputError) throw error;
    return false; // the page is navigating
  }
}

/** A document other than the one the steps started on, fully loaded. */
async function reloaded(page: Page): Promise<boolean> {
  try {
    return await page.evaluate((mark) => !(mark in window) && document.readyState === 'complete', MARK);
  } catch {
    return false; // navigating
  }
}

function stillSignedOut(url: string): InvalidInputError {
  return new InvalidInputError(
    'INVALID_INPUT',
    `the login did not succeed: still on the sign-in page ${redactUrl(url)} after its steps (check the credentials and the login steps)`,
    [{ path: 'browser.login', message: 'still on the sign-in page' }],
  );
}

