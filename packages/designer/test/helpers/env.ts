import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fetcher, FetchRequest, FetchResponse } from '@scrapifie/engine';
import { BrowserPool } from '@scrapifie/fetch-browser';
import { buildPicker } from './bundles.ts';
import type { Page } from 'playwright-core';

// Traffic goes to 127.0.0.1 only: keep any proxy setting out of Chromium's and fetch's way.
for (const k of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy']) delete process.env[k];

/** The Chromium the tests launch: SCRAPIFIE_CHROMIUM, else the system package's. */
export const CHROMIUM = process.env.SCRAPIFIE_CHROMIUM ?? '/usr/bin/chromium';

/** One browser, one page at a time per test file (the machine is small and shared). */
export async function testPool(): Promise<BrowserPool> {
  await buildPicker();
  return new BrowserPool({ executablePath: CHROMIUM, maxBrowsers: 1, maxPagesPerBrowser: 2, launchTimeoutMs: 30_000, idleTimeoutMs: 120_000 });
}

/** Where a user would click on the `index`-th match of `css`: scrolled into view, the middle of its box. */
export async function pointOf(page: Page, css: string, index = 0): Promise<{ x: number; y: number }> {
  const loc = page.locator(css).nth(index);
  await loc.scrollIntoViewIfNeeded();
  const box = await loc.boundingBox();
  if (!box) throw new Error(`${css} #${index} has no box on the page`);
  return { x: Math.round(box.x + Math.min(box.width / 2, 20)), y: Math.round(box.y + box.height / 2) };
}

/**
 * A minimal HTTP-tier Fetcher over Node's fetch, for the tier check. The dependency rules keep the designer (and
 * its tests) from importing @scrapifie/fetch-http, so the tests speak the same port with Node's own client.
 */
export function nodeFetcher(): Fetcher {
  return {
    tier: 'http',
    async fetch(req: FetchRequest): Promise<FetchResponse> {
      const started = performance.now();
      const res = await fetch(req.url, { redirect: 'follow', signal: AbortSignal.timeout(req.timeoutMs), headers: req.headers ?? {} });
      const body = new Uint8Array(await res.arrayBuffer());
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => (headers[k] = v));
      return { url: res.url, status: res.status, headers, body, tier: 'http', ms: performance.now() - started };
    },
    close: async () => undefined,
  };
}

export interface LocalSite {
  url: string;
  close(): Promise<void>;
}

/** A throwaway site on 127.0.0.1 serving `pages` by path. */
export async function servePages(pages: Record<string, string>): Promise<LocalSite> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const body = pages[(req.url ?? '/').split('?')[0] ?? '/'];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
