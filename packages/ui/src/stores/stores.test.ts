import type { RunEvent, RunProgress } from '@scrapifie/recipe';
import { describe, expect, it } from 'vitest';
import { parseHash, toHash } from './nav-store.ts';
import { memoryShelf, useRecipes } from './recipes-store.ts';
import { applyRunEvent, EMPTY_LIVE } from './run-live.ts';
import { useRuns } from './runs-store.ts';

const progress = (p: Partial<RunProgress>): RunProgress => ({
  pagesDone: 0, pagesFailed: 0, pagesQueued: 0, pagesInFlight: 0, items: 0, bytes: 0, elapsedMs: 0, pagesPerSecond: 0, etaMs: null, byTier: { http: 0, browser: 0, stealth: 0 }, ...p,
});

describe('live run progress', () => {
  it('counts pages by tier, items and final errors from the event stream, and takes the engine\'s snapshots', () => {
    const events: RunEvent[] = [
      { type: 'run.started', runId: 'r', recipeName: 'x', resumed: false, robotsTxt: 'respected' },
      { type: 'page.fetched', runId: 'r', url: 'u1', status: 200, bytes: 10, ms: 5, tier: 'http', attempt: 1 },
      { type: 'page.fetched', runId: 'r', url: 'u2', status: 200, bytes: 10, ms: 5, tier: 'browser', attempt: 2 },
      { type: 'items.extracted', runId: 'r', url: 'u1', count: 20, dropped: 0 },
      { type: 'request.failed', runId: 'r', url: 'u3', code: 'TIMEOUT', message: 'slow', attempt: 1, willRetry: true },
      { type: 'request.failed', runId: 'r', url: 'u3', code: 'TIMEOUT', message: 'slow', attempt: 3, willRetry: false },
    ];
    const live = events.reduce(applyRunEvent, EMPTY_LIVE);
    expect(live).toMatchObject({ pages: 2, items: 20, errors: 1, tiers: { http: 1, browser: 1, stealth: 0 }, lastError: 'TIMEOUT: slow', finished: false });
    const snap = applyRunEvent(live, { type: 'progress', runId: 'r', progress: progress({ pagesDone: 7, items: 140, pagesPerSecond: 3.5, byTier: { http: 6, browser: 1, stealth: 0 } }) });
    expect(snap).toMatchObject({ pages: 7, items: 140, rate: 3.5, errors: 1 });
    const done = applyRunEvent(snap, { type: 'run.finished', runId: 'r', status: 'partially_completed', progress: progress({ pagesDone: 9, items: 180, pagesFailed: 1 }) });
    expect(done).toMatchObject({ finished: true, status: 'partially_completed', pages: 9, items: 180 });
  });

  it('the runs store marks a run finished when its stream says so', () => {
    useRuns.setState({ runs: [{ runId: 'r1', name: 'x', status: 'running', active: true, createdAt: '', updatedAt: '', progress: null }], live: {} });
    useRuns.getState().onEvent('r1', { type: 'run.finished', runId: 'r1', status: 'completed', progress: progress({ pagesDone: 3, items: 60 }) });
    const s = useRuns.getState();
    expect(s.runs[0]).toMatchObject({ status: 'completed', active: false });
    expect(s.live.r1).toMatchObject({ finished: true, pages: 3, items: 60 });
  });
});

describe('navigation', () => {
  it('round-trips routes through the location hash; unknown screens go to the recipes', () => {
    const r = { screen: 'designer' as const, url: 'https://shop.test/list/1?page=2&x=a b' };
    expect(parseHash(toHash(r))).toEqual({ ...r, id: undefined });
    expect(parseHash(toHash({ screen: 'results', id: 'run-1' }))).toEqual({ screen: 'results', id: 'run-1', url: undefined });
    expect(parseHash('#/nowhere')).toMatchObject({ screen: 'recipes' });
  });
});

describe('recipes store', () => {
  it('refuses a recipe file that is not JSON, naming the problem, and keeps nothing', async () => {
    useRecipes.setState({ shelf: memoryShelf(), recipes: [], error: null });
    const v = await useRecipes.getState().importText('{ "version": 1, ');
    expect(v.valid).toBe(false);
    expect(useRecipes.getState().error).toMatch(/^The file is not JSON/);
    expect(useRecipes.getState().recipes).toEqual([]);
  });

  it('loads and deletes saved recipes on its shelf', () => {
    const shelf = memoryShelf([{ id: 'a', name: 'A', recipe: {}, savedAt: '' }, { id: 'b', name: 'B', recipe: {}, savedAt: '' }]);
    useRecipes.setState({ shelf });
    useRecipes.getState().load();
    useRecipes.getState().remove('a');
    expect(useRecipes.getState().recipes.map((r) => r.id)).toEqual(['b']);
    expect(shelf.load().map((r) => r.id)).toEqual(['b']);
  });
});
