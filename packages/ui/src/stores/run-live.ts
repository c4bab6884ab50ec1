import type { RunEvent, RunProgress } from '@scrapifie/recipe';

/** What the runs screen shows of a run while it runs: built from its event stream. */
export interface LiveRun {
  progress: RunProgress | null;
  status: string;
  pages: number;
  items: number;
  errors: number;
  /** Pages by fetch tier (the tier mix). */
  tiers: { http: number; browser: number; stealth: number };
  /** Pages per second, as the engine reports it. */
  rate: number;
  lastError: string | null;
  finished: boolean;
}

export const EMPTY_LIVE: LiveRun = {
  progress: null, status: 'running', pages: 0, items: 0, errors: 0, tiers: { http: 0, browser: 0, stealth: 0 }, rate: 0, lastError: null, finished: false,
};

function fromProgress(live: LiveRun, p: RunProgress): LiveRun {
  return { ...live, progress: p, pages: p.pagesDone, items: p.items, errors: Math.max(live.errors, p.pagesFailed), tiers: { ...p.byTier }, rate: p.pagesPerSecond };
}

/** The next live state after one event (pure: the store and its tests use it). */
export function applyRunEvent(live: LiveRun, ev: RunEvent): LiveRun {
  switch (ev.type) {
    case 'run.started':
      return { ...live, status: 'running' };
    case 'page.fetched':
      return { ...live, pages: live.pages + 1, tiers: { ...live.tiers, [ev.tier]: live.tiers[ev.tier] + 1 } };
    case 'items.extracted':
      return { ...live, items: live.items + ev.count };
    case 'request.failed':
      return ev.willRetry ? { ...live, lastError: `${ev.code}: ${ev.message}` } : { ...live, errors: live.errors + 1, lastError: `${ev.code}: ${ev.message}` };
    case 'progress':
      return fromProgress(live, ev.progress);
    case 'run.finished':
      return { ...fromProgress(live, ev.progress), status: ev.status, finished: true };
    default:
      return live;
  }
}
