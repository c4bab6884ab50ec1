import type { CrawlStore, NewRequest, NewResult } from '@scrapifie/engine';
import { parseRecipe, type Recipe } from '@scrapifie/recipe';

/** What describeStore needs from an adapter: a fresh, empty store per test. */
export interface StoreFixture {
  store: CrawlStore;
  /** Another handle on the same database, as another worker process would open it. */
  connect(): Promise<CrawlStore>;
  /** Removes what the fixture made (the suite closes the stores itself). */
  cleanup(): Promise<void>;
}

export type StoreFactory = () => Promise<StoreFixture>;

/** What each describeStore case works on. */
export interface StoreContext {
  fixture: StoreFixture;
  store: CrawlStore;
  /** A run created (status running, no requests) before each test. */
  runId: string;
  /** Stores opened with fixture.connect(), closed after the test. */
  extra: CrawlStore[];
}

export const storeRecipe: Recipe = parseRecipe({
  version: 1,
  name: 'store conformance',
  start: { urls: ['https://example.com/'] },
  page: { fields: { title: { css: 'h1' } } },
});

export function req(key: string, priority = 0, extra: Partial<NewRequest> = {}): NewRequest {
  return { key, url: `https://example.com/${key}`, specPath: 'page', depth: 0, priority, ...extra };
}

export function row(key: string, data: Record<string, unknown> = { k: key }): NewResult {
  return { key, url: 'https://example.com/p', data, tier: 'http', attempts: 1 };
}
