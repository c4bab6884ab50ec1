import type { Page, Route } from 'playwright-core';

export type BlockableResource = 'image' | 'font' | 'media' | 'stylesheet' | 'tracker';

export const BLOCKABLE_RESOURCES: readonly BlockableResource[] = ['image', 'font', 'media', 'stylesheet', 'tracker'];

/** Hosts (and their subdomains) of well-known analytics, tag and ad-measurement services. */
export const TRACKER_HOSTS: readonly string[] = [
  'google-analytics.com',
  'googletagmanager.com',
  'googletagservices.com',
  'doubleclick.net',
  'googleadservices.com',
  'connect.facebook.net',
  'analytics.tiktok.com',
  'static.hotjar.com',
  'script.hotjar.com',
  'cdn.segment.com',
  'api.segment.io',
  'cdn.mxpnl.com',
  'api-js.mixpanel.com',
  'cdn.amplitude.com',
  'api2.amplitude.com',
  'clarity.ms',
  'scorecardresearch.com',
  'quantserve.com',
  'js-agent.newrelic.com',
  'bam.nr-data.net',
  'fullstory.com',
  'snap.licdn.com',
  'px.ads.linkedin.com',
  'bat.bing.com',
  'sc-static.net',
  'static.ads-twitter.com',
  'mc.yandex.ru',
  'stats.wp.com',
];

/** True when the URL's host is a tracker host or one of its subdomains. */
export function isTrackerUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return TRACKER_HOSTS.some((t) => host === t || host.endsWith(`.${t}`));
}

/**
 * Aborts the page's requests for the given kinds of resources (by Playwright's resource type; trackers by host).
 * The main document is never blocked. Routing turns the HTTP cache off for the page, so only call it when asked.
 */
export async function blockResources(page: Page, kinds: readonly BlockableResource[]): Promise<void> {
  const types = new Set<string>(kinds.filter((k) => k !== 'tracker'));
  const trackers = kinds.includes('tracker');
  if (!types.size && !trackers) return;
  const main = page.mainFrame();
  await page.route('**/*', async (route: Route) => {
    const request = route.request();
    const isMainDocument = request.isNavigationRequest() && request.frame() === main;
    const blocked = !isMainDocument && (types.has(request.resourceType()) || (trackers && isTrackerUrl(request.url())));
    try {
      if (blocked) await route.abort('blockedbyclient');
      else await route.fallback();
    } catch {
      // The page closed while the request was in flight.
    }
  });
}
