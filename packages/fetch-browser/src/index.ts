export { BrowserPool } from './browser-pool.ts';
export type { AcquirePageOptions, BrowserPoolMemory, BrowserPoolStats, PageLease } from './pool-types.ts';
export {
  DEFAULT_LAUNCH_ARGS, MAX_BROWSERS_LIMIT, SYSTEM_CHROMIUM, SYSTEM_HEADLESS_SHELL, resolveChromiumPath, resolvePoolOptions,
  type BrowserPoolOptions, type ResolvedPoolOptions,
} from './pool-options.ts';
export { BrowserFetcher, createBrowserFetcher, type BrowserFetcherOptions } from './browser-fetcher.ts';
export {
  resolveFetchOptions, type BrowserFetchOptions, type BrowserFetchRequest, type BrowserFetchResponse, type ScreenshotSpec, type WaitUntil,
} from './fetch-options.ts';
export { BLOCKABLE_RESOURCES, TRACKER_HOSTS, isTrackerUrl, type BlockableResource } from './resource-blocking.ts';
export { evaluateInPage } from './evaluate-in-page.ts';
