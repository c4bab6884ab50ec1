import { ScrapifieError } from '@scrapifie/recipe';
import type { Page, Request } from 'playwright-core';
import { redactUrl } from './errors.ts';

/** The URLs of a request's redirect chain, first request first (the request itself last). */
export function redirectChain(request: Request): string[] {
  const chain: string[] = [];
  for (let r: Request | null = request; r; r = r.redirectedFrom()) chain.push(r.url());
  return chain.reverse();
}

export function tooManyRedirects(chain: string[], max: number): ScrapifieError {
  const loop = new Set(chain).size < chain.length ? ' (a redirect loop)' : '';
  const shown = chain.slice(0, 6).map(redactUrl).join(' -> ') + (chain.length > 6 ? ' -> …' : '');
  return new ScrapifieError('TOO_MANY_REDIRECTS', `more than ${max} redirects${loop}: ${shown}`);
}

/** Throws TOO_MANY_REDIRECTS when the request that produced the page came through more than `max` redirects. */
export function checkRedirects(request: Request, max: number): void {
  const chain = redirectChain(request);
  if (chain.length - 1 > max) throw tooManyRedirects(chain, max);
}

/**
 * Watches the page's main-frame navigations and reports TOO_MANY_REDIRECTS as soon as one passes `max` redirects,
 * so the fetch stops there instead of following the chain to Chromium's own limit (20). Returns the unsubscribe.
 */
export function watchRedirects(page: Page, max: number, onExceeded: (error: ScrapifieError) => void): () => void {
  const main = page.mainFrame();
  const onRequest = (request: Request): void => {
    if (!request.isNavigationRequest() || request.frame() !== main || !request.redirectedFrom()) return;
    const chain = redirectChain(request);
    if (chain.length - 1 > max) onExceeded(tooManyRedirects(chain, max));
  };
  page.on('request', onRequest);
  return () => page.off('request', onRequest);
}
